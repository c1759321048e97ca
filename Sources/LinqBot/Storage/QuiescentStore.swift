public import Foundation
import Synchronization

/// A store that can tell a test harness when the bot has nothing left to do now, so tests
/// wait exactly as long as the bot works and never sleep.
public protocol QuiescentStore: BotStore {
    /// Whether nothing runs or is ready at `now`: no chat holds a live lease, no chat's next
    /// event is due and no timer is due.
    func isQuiet(at now: Date) async throws -> Bool

    /// The soonest time after `now` when something comes due by itself: a timer, a chat's
    /// next event waiting out a retry delay, or a lease running out. `nil` when nothing will.
    func nextWakeup(after now: Date) async throws -> Date?
}

extension InMemoryBotStore: QuiescentStore {
    /// The soonest timer, retry delay or lease expiry after `now`.
    public func nextWakeup(after now: Date) async throws -> Date? {
        state.withLock { state in
            var times = state.timers.values.flatMap { $0.values.map(\.dueAt) }
            times += state.leases.values.map(\.expiresAt)
            times += state.openByChat.values.compactMap { $0.first.flatMap { state.rows[$0]?.notBefore } }
            return times.filter { $0 > now }.min()
        }
    }
}
