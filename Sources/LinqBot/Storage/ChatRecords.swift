public import Foundation

/// Everything a store keeps about one chat: what an export of a person's data is made of.
public struct ChatRecords: Sendable, Hashable {
    /// The chat (its chat id).
    public var chatKey: String
    /// The chat's session, if one is stored.
    public var session: StoredSession?
    /// The chat's inbox rows still kept (the webhook bodies as received), oldest first.
    public var events: [InboxRecord]
    /// What Linq accepted from the bot in the chat, oldest first.
    public var sentMessages: [SentMessageRecord]
    /// The chat's pending timers, soonest first.
    public var timers: [ScheduledTimer]
    /// The chat's dead letters, oldest first.
    public var deadLetters: [DeadLetter]

    /// Creates a record set (stores build these).
    public init(
        chatKey: String, session: StoredSession?, events: [InboxRecord], sentMessages: [SentMessageRecord], timers: [ScheduledTimer],
        deadLetters: [DeadLetter]
    ) {
        self.chatKey = chatKey
        self.session = session
        self.events = events
        self.sentMessages = sentMessages
        self.timers = timers
        self.deadLetters = deadLetters
    }

    /// Whether the store keeps nothing about the chat.
    public var isEmpty: Bool {
        session == nil && events.isEmpty && sentMessages.isEmpty && timers.isEmpty && deadLetters.isEmpty
    }
}

/// One inbox row as stored, in an export.
public struct InboxRecord: Sendable, Hashable {
    /// The inbox position.
    public var sequence: Int64
    /// The stored event.
    public var event: NewInboxEvent
    /// `pending`, `claimed`, `done` or `dead`.
    public var status: String
    /// Attempts made.
    public var attempts: Int

    /// Creates a record (stores build these).
    public init(sequence: Int64, event: NewInboxEvent, status: String, attempts: Int) {
        self.sequence = sequence
        self.event = event
        self.status = status
        self.attempts = attempts
    }
}

/// What ``BotStore/eraseChat(chatKey:)`` deleted.
public struct ChatErasure: Sendable, Hashable {
    /// Sessions (0 or 1).
    public var sessions: Int
    /// Inbox rows, finished or not.
    public var inboxRows: Int
    /// Sent-message records.
    public var sentMessages: Int
    /// Timers.
    public var timers: Int
    /// Dead letters.
    public var deadLetters: Int

    /// Creates a report.
    public init(sessions: Int = 0, inboxRows: Int = 0, sentMessages: Int = 0, timers: Int = 0, deadLetters: Int = 0) {
        self.sessions = sessions
        self.inboxRows = inboxRows
        self.sentMessages = sentMessages
        self.timers = timers
        self.deadLetters = deadLetters
    }

    /// Adds another chat's erasure.
    public static func + (lhs: ChatErasure, rhs: ChatErasure) -> ChatErasure {
        ChatErasure(
            sessions: lhs.sessions + rhs.sessions, inboxRows: lhs.inboxRows + rhs.inboxRows, sentMessages: lhs.sentMessages + rhs.sentMessages,
            timers: lhs.timers + rhs.timers, deadLetters: lhs.deadLetters + rhs.deadLetters
        )
    }
}

extension Data {
    /// `handle` as a JSON string (`"…"`, escaped as JSON writers do), the needle a store
    /// searches stored payloads for in ``BotStore/chatKeys(mentioning:)``.
    public static func jsonString(_ handle: String) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(handle)) ?? Data("\"\(handle)\"".utf8)
    }
}
