public import Foundation

/// A store that can tell a test harness when the bot has nothing left to do now, so tests
/// wait exactly as long as the bot works and never sleep.
public protocol QuiescentStore: BotStore {
    /// Whether nothing runs or is ready at `now`: no chat holds a live lease, no chat's next
    /// event is due and no timer is due.
    func isQuiet(at now: Date) async throws -> Bool
}

extension InMemoryBotStore: QuiescentStore {}
