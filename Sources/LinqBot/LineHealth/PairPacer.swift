import Foundation
import Synchronization

/// The sending rhythm of one bot process: per line–person pair a GCRA (an even rate with a
/// small burst) plus a sliding-window cap, so no window of the pair's length ever holds more
/// than its limit; per pair the `Retry-After` of the last 429; per chat the time of the last
/// message, for human-like gaps. Reservations are booked atomically, so concurrent senders
/// to one pair queue behind each other.
///
/// With several instances, a chat's pairs travel with the chat: line health saves their state
/// in the chat's facts (``record(pairs:now:)``) and the instance that handles the chat's next
/// event takes it in (``take(_:now:)``) before booking, so the limits hold whichever instance sends.
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

    /// Takes in pair state saved by another instance (or an earlier run): sends are joined
    /// (a moment known on both sides counts once per send), the later arrival and block win.
    func take(_ saved: [String: PairPace], now: Date) {
        let horizon = now.addingTimeInterval(-policy.pairWindow.seconds)
        state.withLock { state in
            for (key, pace) in saved {
                var pair = state.pairs[key] ?? Pair()
                // The same sends may be known here already: each moment counts as often as
                // the side that knows it more often says.
                var counts = Dictionary(pair.sends.map { ($0, 1) }, uniquingKeysWith: +)
                for (moment, count) in Dictionary(pace.sends.filter({ $0 > horizon }).map { ($0, 1) }, uniquingKeysWith: +) {
                    counts[moment] = max(counts[moment] ?? 0, count)
                }
                pair.sends = counts.flatMap { moment, count in Array(repeating: moment, count: count) }.sorted()
                pair.theoreticalArrival = [pair.theoreticalArrival, pace.arrival].compactMap { $0 }.max()
                pair.blockedUntil = [pair.blockedUntil, pace.blockedUntil].compactMap { $0 }.max()
                state.pairs[key] = pair
            }
        }
    }

    /// The state of `pairs` worth saving at `now` (empty when nothing binds them any more).
    /// Sends are kept for the window's cap only when the limit is small enough to matter.
    func record(pairs: [String], now: Date) -> [String: PairPace] {
        let horizon = now.addingTimeInterval(-policy.pairWindow.seconds)
        let keepsSends = policy.pairLimit <= PairPace.maximumSends
        // An arrival within the burst's tolerance delays nothing, so it is not worth saving.
        let tolerance = Double(policy.pairBurst - 1) * policy.pairWindow.seconds / Double(policy.pairLimit)
        return state.withLock { state in
            var saved: [String: PairPace] = [:]
            for key in pairs {
                guard let pair = state.pairs[key] else { continue }
                let pace = PairPace(
                    sends: keepsSends ? pair.sends.filter { $0 > horizon } : [],
                    arrival: pair.theoreticalArrival.flatMap { $0.addingTimeInterval(-tolerance) > now ? $0 : nil },
                    blockedUntil: pair.blockedUntil.flatMap { $0 > now ? $0 : nil }
                )
                if !pace.isEmpty { saved[key] = pace }
            }
            return saved
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

/// One line–person pair's pacing, as a chat's facts keep it between events.
struct PairPace: Codable, Sendable, Hashable {
    /// The most sends kept: above this pair limit, the window's cap is left to the even rate.
    static let maximumSends = 64

    /// The pair's sends within the window, oldest first.
    var sends: [Date] = []
    /// The GCRA's theoretical arrival time, while it is ahead.
    var arrival: Date?
    /// The end of a 429's `Retry-After`, while it lasts.
    var blockedUntil: Date?

    var isEmpty: Bool { sends.isEmpty && arrival == nil && blockedUntil == nil }
}
