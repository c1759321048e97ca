public import Foundation

/// A `message.sent`, `message.received`, `message.delivered` or `message.read` event,
/// normalised so a handler need not care which payload version arrived.
///
/// ```swift
/// if case .message(let message) = event.payload, message.kind == .received, !message.isHistory {
///     reply(to: message.chatID, text: "You said: \(message.text ?? "")")
/// }
/// ```
public struct MessageEvent: Hashable, Sendable {
    /// Which point in the message's life the event reports.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Our line sent the message.
        case sent
        /// Our line received the message.
        case received
        /// The message reached the recipient's device.
        case delivered
        /// The recipient read the message.
        case read

        /// The webhook event type for this kind.
        public var eventType: WebhookEventType {
            switch self {
            case .sent: .messageSent
            case .received: .messageReceived
            case .delivered: .messageDelivered
            case .read: .messageRead
            }
        }

        /// The kind for a message event type, or `nil` for other types.
        public init?(eventType: WebhookEventType) {
            switch eventType {
            case .messageSent: self = .sent
            case .messageReceived: self = .received
            case .messageDelivered: self = .delivered
            case .messageRead: self = .read
            default: return nil
            }
        }
    }

    /// Which point in the message's life the event reports.
    public var kind: Kind
    /// The message.
    public var messageID: MessageID
    /// The chat the message belongs to.
    public var chatID: ChatID
    /// Whether the chat is a group, when Linq says.
    public var isGroup: Bool?
    /// Inbound (to our line) or outbound (from our line); 2025-01-01 derives it from `is_from_me`.
    public var direction: MessageDirection
    /// Who sent the message (2025-01-01 `from_handle`, 2026-02-03 `sender_handle`).
    public var sender: ChatHandle?
    /// Our line in this chat (2025-01-01 `recipient_handle`, or `from_handle` on outbound; 2026-02-03 `chat.owner_handle`).
    public var line: ChatHandle?
    /// The message parts; empty on zero-retention lines.
    public var parts: [MessagePart]
    /// The service the message used.
    public var service: Service?
    /// The service the sender asked for (`auto` included).
    public var preferredService: Service?
    /// A screen or bubble effect.
    public var effect: MessageEffect?
    /// The message this one replies to.
    public var replyTo: ReplyTo?
    /// The idempotency key of our own send, if one was given.
    public var idempotencyKey: String?
    /// When the message was sent.
    public var sentAt: Date?
    /// When the message was delivered.
    public var deliveredAt: Date?
    /// When the message was read.
    public var readAt: Date?
    /// Set only when Linq recovered the message late by reconciliation; see ``isHistory``.
    public var reconciledAt: Date?
    /// `true` when the line keeps no content (then ``parts`` is empty).
    public var zeroRetention: Bool?
    /// The chat's health, when the payload carries it (2026-02-03 only).
    public var chatHealth: HealthStatus?

    /// Creates a normalised message event.
    public init(
        kind: Kind, messageID: MessageID, chatID: ChatID, isGroup: Bool? = nil, direction: MessageDirection,
        sender: ChatHandle? = nil, line: ChatHandle? = nil, parts: [MessagePart] = [], service: Service? = nil,
        preferredService: Service? = nil, effect: MessageEffect? = nil, replyTo: ReplyTo? = nil,
        idempotencyKey: String? = nil, sentAt: Date? = nil, deliveredAt: Date? = nil, readAt: Date? = nil,
        reconciledAt: Date? = nil, zeroRetention: Bool? = nil, chatHealth: HealthStatus? = nil
    ) {
        self.kind = kind
        self.messageID = messageID
        self.chatID = chatID
        self.isGroup = isGroup
        self.direction = direction
        self.sender = sender
        self.line = line
        self.parts = parts
        self.service = service
        self.preferredService = preferredService
        self.effect = effect
        self.replyTo = replyTo
        self.idempotencyKey = idempotencyKey
        self.sentAt = sentAt
        self.deliveredAt = deliveredAt
        self.readAt = readAt
        self.reconciledAt = reconciledAt
        self.zeroRetention = zeroRetention
        self.chatHealth = chatHealth
    }

    /// Our line's address (phone or email), if known.
    public var lineHandle: String? { line?.handle }

    /// The sender's address (phone or email), if known.
    public var senderAddress: String? { sender?.handle }

    /// `true` for messages sent to our line.
    public var isInbound: Bool { direction == .inbound }

    /// `true` for messages our line sent.
    public var isOutbound: Bool { direction == .outbound }

    /// All text parts joined with newlines, or `nil` when there are none.
    public var text: String? {
        let texts = parts.compactMap(\.text)
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// `true` when the message arrived late through reconciliation: treat it as history, do not auto-reply.
    public var isHistory: Bool { reconciledAt != nil }
}
