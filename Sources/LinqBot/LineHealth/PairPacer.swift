import Foundation
import Synchronization

/// The sending rhythm of a bot: per line–person pair a GCRA booked in the store, so every
/// instance that shares the store books from one pace and a restart keeps it; per pair the
/// `Retry-After` of the last 429, in the store too; per chat the time of the last message, for
/// human-like gaps (a chat is handled by one instance at a time, and its facts carry the last
/// message's time to the next one).
///
/// The GCRA lets a burst of `pairBurst` go at once and then one message per interval, where
/// the interval leaves room for the burst: `pairWindow / (pairLimit - pairBurst + 1)`. So no
/// window of `pairWindow` ever holds more than `pairLimit`, and the limit needs no list of sends
/// (with the defaults, 20 per 60 s and bursts of 5: five at once, then one every 3.75 s).
final class PairPacer: Sendable {
    private struct Chats {
        var last: [String: Date] = [:]
        var calls = 0
    }

    private let chats = Mutex(Chats())
    let policy: PacingPolicy

    init(policy: PacingPolicy) {
        self.policy = policy
    }

    /// A booked moment to send, or the moment to come back when it is too far off to wait for.
    enum Reservation: Equatable {
        case at(Date)
        case tooLate(Date)
    }

    /// The GCRA's emission interval, in seconds, a millisecond longer than the exact quotient,
    /// so clock rounding never puts one more message inside a window.
    var interval: Double {
        policy.pairWindow.seconds / Double(policy.pairLimit - burst + 1) + 0.001
    }

    /// How far ahead of the even rate a burst may run, in seconds.
    var tolerance: Double { Double(burst - 1) * interval }

    private var burst: Int { min(policy.pairBurst, policy.pairLimit) }

    /// Books the earliest moment a message to `pairs` in `chat` may go, at least `gap` after
    /// the chat's previous message (`lastOutbound`, or the last one booked here), unless that is
    /// more than `longestWait` away. With several pairs (a group), each is booked for the same moment.
    func reserve(
        pairs: [String], chat: String?, gap: Double, lastOutbound: Date?, now: Date, longestWait: Double, store: any BotStore
    ) async throws -> Reservation {
        var earliest = now
        if let lastOutbound { earliest = max(earliest, lastOutbound.addingTimeInterval(gap)) }
        if let chat, let last = chats.withLock({ $0.last[chat] }) { earliest = max(earliest, last.addingTimeInterval(gap)) }
        let latest = now.addingTimeInterval(longestWait)
        guard earliest <= latest else { return .tooLate(earliest) }
        let wanted = Set(pairs)
        var moment = earliest
        var booked: Set<String> = []
        // A pair whose moment is later moves the others to it: they are booked again there (the
        // first booking stays spent, which only slows the pair). Bounded: a few passes settle it.
        for _ in 0..<8 where booked != wanted {
            for pair in pairs where !booked.contains(pair) {
                let request = PaceRequest(pair: pair, earliest: moment, latest: latest, interval: interval, tolerance: tolerance)
                switch try await store.bookPace(request) {
                case .tooLate(let at):
                    return .tooLate(at)
                case .booked(let at) where at > moment:
                    moment = at
                    booked = [pair]
                case .booked:
                    booked.insert(pair)
                }
            }
        }
        if let chat { remember(chat, at: moment, now: now) }
        return .at(moment)
    }

    /// Linq answered 429 for `pairs`: nothing goes to them before `until`.
    func block(pairs: [String], until: Date, store: any BotStore) async throws {
        for pair in pairs { try await store.blockPace(pair: pair, until: until) }
    }

    /// Notes the chat's booked moment, forgetting chats quiet for a minute now and then.
    private func remember(_ chat: String, at moment: Date, now: Date) {
        chats.withLock { chats in
            chats.calls += 1
            if chats.calls % 1024 == 0 { chats.last = chats.last.filter { $0.value > now.addingTimeInterval(-60) } }
            chats.last[chat] = max(chats.last[chat] ?? moment, moment)
        }
    }
}
