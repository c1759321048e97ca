public import Foundation

/// A message just sent, as returned by create chat and the send endpoints.
public struct SentMessage: Codable, Hashable, Sendable {
    /// The message's id.
    public var id: MessageID
    /// When Linq accepted it.
    public var createdAt: Date
    /// Its delivery state, usually `pending` or `queued` at this point.
    public var deliveryStatus: DeliveryStatus
    /// Deprecated by Linq: use ``deliveryStatus`` `== .read`.
    public var isRead: Bool
    /// The parts as Linq recorded them.
    public var parts: [MessagePart]
    /// When it was sent (`nil` while queued).
    public var sentAt: Date?
    /// When it was delivered.
    public var deliveredAt: Date?
    /// The effect applied, if any.
    public var effect: MessageEffect?
    /// Our line, as a participant record.
    public var fromHandle: ChatHandle?
    /// The service requested, if one was pinned.
    public var preferredService: Service?
    /// The message this one replies to.
    public var replyTo: ReplyTo?
    /// The service carrying the message.
    public var service: Service?

    /// Creates a sent-message record.
    public init(
        id: MessageID, createdAt: Date, deliveryStatus: DeliveryStatus, isRead: Bool = false,
        parts: [MessagePart], sentAt: Date? = nil, deliveredAt: Date? = nil, effect: MessageEffect? = nil,
        fromHandle: ChatHandle? = nil, preferredService: Service? = nil, replyTo: ReplyTo? = nil,
        service: Service? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        self.deliveryStatus = deliveryStatus
        self.isRead = isRead
        self.parts = parts
        self.sentAt = sentAt
        self.deliveredAt = deliveredAt
        self.effect = effect
        self.fromHandle = fromHandle
        self.preferredService = preferredService
        self.replyTo = replyTo
        self.service = service
    }

    enum CodingKeys: String, CodingKey {
        case id, parts, effect, service
        case createdAt = "created_at"
        case deliveryStatus = "delivery_status"
        case isRead = "is_read"
        case sentAt = "sent_at"
        case deliveredAt = "delivered_at"
        case fromHandle = "from_handle"
        case preferredService = "preferred_service"
        case replyTo = "reply_to"
    }
}
