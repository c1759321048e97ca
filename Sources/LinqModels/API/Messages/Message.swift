public import Foundation

/// A message as `GET /v3/messages/{id}` and the message lists return it.
public struct Message: Codable, Hashable, Sendable {
    /// The message's id.
    public var id: MessageID
    /// The chat it belongs to.
    public var chatID: ChatID
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// Its delivery state.
    public var deliveryStatus: DeliveryStatus
    /// Deprecated by Linq: `true` when delivered or read.
    public var isDelivered: Bool
    /// `true` when our line sent it.
    public var isFromMe: Bool
    /// Deprecated by Linq: use ``deliveryStatus`` `== .read`.
    public var isRead: Bool
    /// The parts, with reactions.
    public var parts: [MessagePart]?
    /// When it was sent.
    public var sentAt: Date?
    /// When it was delivered.
    public var deliveredAt: Date?
    /// When it was read.
    public var readAt: Date?
    /// Deprecated by Linq: the sender's phone number; use ``fromHandle``.
    public var from: String?
    /// The sender, as a participant record.
    public var fromHandle: ChatHandle?
    /// The effect applied, if any.
    public var effect: MessageEffect?
    /// The service requested, if one was pinned.
    public var preferredService: Service?
    /// The service that carried it.
    public var service: Service?
    /// The message this one replies to.
    public var replyTo: ReplyTo?
    /// Set only on messages recovered late by reconciliation: treat them as history, not as new.
    public var reconciledAt: Date?

    /// Creates a message record.
    public init(
        id: MessageID, chatID: ChatID, createdAt: Date, updatedAt: Date, deliveryStatus: DeliveryStatus,
        isDelivered: Bool = false, isFromMe: Bool, isRead: Bool = false, parts: [MessagePart]? = nil,
        sentAt: Date? = nil, deliveredAt: Date? = nil, readAt: Date? = nil, from: String? = nil,
        fromHandle: ChatHandle? = nil, effect: MessageEffect? = nil, preferredService: Service? = nil,
        service: Service? = nil, replyTo: ReplyTo? = nil, reconciledAt: Date? = nil
    ) {
        self.id = id
        self.chatID = chatID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deliveryStatus = deliveryStatus
        self.isDelivered = isDelivered
        self.isFromMe = isFromMe
        self.isRead = isRead
        self.parts = parts
        self.sentAt = sentAt
        self.deliveredAt = deliveredAt
        self.readAt = readAt
        self.from = from
        self.fromHandle = fromHandle
        self.effect = effect
        self.preferredService = preferredService
        self.service = service
        self.replyTo = replyTo
        self.reconciledAt = reconciledAt
    }

    enum CodingKeys: String, CodingKey {
        case id, parts, from, effect, service
        case chatID = "chat_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deliveryStatus = "delivery_status"
        case isDelivered = "is_delivered"
        case isFromMe = "is_from_me"
        case isRead = "is_read"
        case sentAt = "sent_at"
        case deliveredAt = "delivered_at"
        case readAt = "read_at"
        case fromHandle = "from_handle"
        case preferredService = "preferred_service"
        case replyTo = "reply_to"
        case reconciledAt = "reconciled_at"
    }
}
