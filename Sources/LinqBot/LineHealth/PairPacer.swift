import Foundation
import Synchronization

/// The sending rhythm of one bot process: per line–person pair a GCRA (an even rate with a
/// small burst) plus a sliding-window cap, so no window of the pair's length ever holds more
/// than its limit; per pair the `Retry-After` of the last 429; per chat the time of the last
/// message, for human-like gaps. Reservations are booked atomically, so concurrent senders
/// to one pair queue behind each other.
final class PairPacer: Sendable {
    private struct Pair {
        var theoreticalArrival: Date?
        var sends: [Date] = []
        var blockedUntil: Date?
    }

    private struct State {
        var pairs: [String: Pair] = [:]
        var chats: [String: Date] = [:]
        var calls = 0
    }

    private let state = Mutex(State())
    let policy: PacingPolicy

    init(policy: PacingPolicy) {
        self.policy = policy
    }

    /// A booked moment to send, or the moment to come back when it is too far off to wait for.
    enum Reservation: Equatable {
        case at(Date)
        case tooLate(Date)
    }

    /// Books the earliest moment a message to `pairs` in `chat` may go, at least `gap` after
    /// the chat's previous message, unless that is more than `longestWait` away.
    func reserve(pairs: [String], chat: String?, gap: Double, now: Date, longestWait: Double) -> Reservation {
        let interval = policy.pairWindow.seconds / Double(policy.pairLimit)
        let tolerance = Double(policy.pairBurst - 1) * interval
        let window = policy.pairWindow.seconds
        return state.withLock { state in
            state.calls += 1
            if state.calls % 1024 == 0 { Self.sweep(&state, now: now, window: window) }
            var earliest = now
            if let chat, let last = state.chats[chat] { earliest = max(earliest, last.addingTimeInterval(gap)) }
            for key in pairs {
                let pair = state.pairs[key] ?? Pair()
                if let blocked = pair.blockedUntil { earliest = max(earliest, blocked) }
                if let arrival = pair.theoreticalArrival { earliest = max(earliest, arrival.addingTimeInterval(-tolerance)) }
                let recent = pair.sends.filter { $0 > now.addingTimeInterval(-window) }
                if recent.count >= policy.pairLimit {
                    // A few milliseconds past the window's end, so clock rounding never puts one more inside it.
                    earliest = max(earliest, recent[recent.count - policy.pairLimit].addingTimeInterval(window + 0.005))
                }
            }
            guard earliest.timeIntervalSince(now) <= longestWait else { return .tooLate(earliest) }
            for key in pairs {
                var pair = state.pairs[key] ?? Pair()
                pair.theoreticalArrival = max(pair.theoreticalArrival ?? earliest, earliest).addingTimeInterval(interval)
                pair.sends = pair.sends.filter { $0 > now.addingTimeInterval(-window) } + [earliest]
                state.pairs[key] = pair
            }
            if let chat { state.chats[chat] = earliest }
            return .at(earliest)
        }
    }

    /// Linq answered 429 for `pairs`: nothing goes to them before `until`.
    func block(pairs: [String], until: Date) {
        state.withLock { state in
            for key in pairs {
                var pair = state.pairs[key] ?? Pair()
                pair.blockedUntil = max(pair.blockedUntil ?? until, until)
                state.pairs[key] = pair
            }
        }
    }

    /// Forgets pairs and chats with nothing left to remember.
    private static func sweep(_ state: inout State, now: Date, window: Double) {
        state.pairs = state.pairs.filter { _, pair in
            (pair.theoreticalArrival ?? .distantPast) > now || (pair.blockedUntil ?? .distantPast) > now
                || pair.sends.contains { $0 > now.addingTimeInterval(-window) }
        }
        state.chats = state.chats.filter { $0.value > now.addingTimeInterval(-60) }
    }
}
