public import Foundation
import Synchronization

extension InMemoryBotStore {
    /// Stores a timer, replacing the chat's timer of the same name.
    public func scheduleTimer(_ timer: ScheduledTimer) async throws {
        state.withLock { $0.timers[timer.chatKey, default: [:]][timer.name] = timer }
    }

    /// Cancels one timer.
    @discardableResult
    public func cancelTimer(chatKey: String, name: String) async throws -> Bool {
        state.withLock { $0.timers[chatKey]?.removeValue(forKey: name) != nil }
    }

    /// Cancels a chat's timers.
    @discardableResult
    public func cancelTimers(chatKey: String) async throws -> Int {
        state.withLock { $0.timers.removeValue(forKey: chatKey)?.count ?? 0 }
    }

    /// A chat's timers, soonest first.
    public func timers(chatKey: String) async throws -> [ScheduledTimer] {
        state.withLock { ($0.timers[chatKey] ?? [:]).values.sorted { ($0.dueAt, $0.name) < ($1.dueAt, $1.name) } }
    }

    /// Moves due timers into the inbox, soonest first.
    public func fireDueTimers(now: Date, limit: Int) async throws -> Int {
        state.withLock { state in
            let due = state.timers.values.flatMap(\.values).filter { $0.dueAt <= now }
                .sorted { ($0.dueAt, $0.chatKey, $0.name) < ($1.dueAt, $1.chatKey, $1.name) }.prefix(max(limit, 0))
            for timer in due {
                _ = Self.append(timer.inboxEvent(firedAt: now), to: &state)
                state.timers[timer.chatKey]?[timer.name] = nil
                if state.timers[timer.chatKey]?.isEmpty == true { state.timers[timer.chatKey] = nil }
            }
            return due.count
        }
    }

    /// The soonest due time.
    public func nextTimerDue() async throws -> Date? {
        state.withLock { $0.timers.values.flatMap(\.values).map(\.dueAt).min() }
    }
}
