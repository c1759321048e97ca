public import Foundation

/// A message Linq accepted from the bot, kept so that later steps can tell what was sent:
/// whether today's first message went out, how many sends are still unanswered, or which of
/// our messages a delivery receipt is about.
public struct SentMessageRecord: Sendable, Hashable {
    /// The idempotency key the message was sent with: the record's identity.
    public var idempotencyKey: String
    /// The chat it went to (its chat id).
    public var chatKey: String
    /// Linq's id of the message.
    public var messageID: String
    /// The event whose handling sent it, when a handler did.
    public var eventID: String?
    /// When Linq accepted it.
    public var sentAt: Date

    /// Creates a record.
    public init(idempotencyKey: String, chatKey: String, messageID: String, eventID: String? = nil, sentAt: Date) {
        self.idempotencyKey = idempotencyKey
        self.chatKey = chatKey
        self.messageID = messageID
        self.eventID = eventID
        self.sentAt = sentAt
    }
}
