public import Foundation

/// One counter in a listing (``BotStore/counters(prefix:after:limit:now:)``).
public struct CounterEntry: Sendable, Hashable {
    /// The counter's key.
    public var key: String
    /// Its value.
    public var value: Int

    /// Creates an entry (stores build these).
    public init(key: String, value: Int) {
        self.key = key
        self.value = value
    }
}

/// One chat's unfinished inbox events (``BotStore/backlog(limit:)``).
public struct ChatBacklog: Sendable, Hashable {
    /// The chat (its chat id, or a line or handle queue key).
    public var chatKey: String
    /// Events pending or being handled.
    public var events: Int
    /// Whether a worker is handling the chat's head event now.
    public var inProgress: Bool
    /// When the oldest of them arrived.
    public var oldestReceivedAt: Date

    /// Creates an entry (stores build these).
    public init(chatKey: String, events: Int, inProgress: Bool, oldestReceivedAt: Date) {
        self.chatKey = chatKey
        self.events = events
        self.inProgress = inProgress
        self.oldestReceivedAt = oldestReceivedAt
    }
}
