public import Foundation

/// A webhook subscription, as the list, get and update endpoints return it.
public struct WebhookSubscription: Codable, Hashable, Sendable {
    /// The subscription's id.
    public var id: WebhookSubscriptionID
    /// The https URL events are posted to.
    public var targetURL: String
    /// The event types delivered, e.g. `message.received`.
    public var subscribedEvents: [WebhookEventType]
    /// The lines it is limited to; `nil` or empty means every line.
    public var phoneNumbers: [String]?
    /// Whether events are being delivered.
    public var isActive: Bool
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// The header carrying the routing id (defaults to `Linq-Chat-Id`).
    public var routingIDHeader: String?
    /// The header carrying Linq's routing token; delivery affinity is on when set.
    public var routingKeyHeader: String?

    /// Creates a record.
    public init(
        id: WebhookSubscriptionID, targetURL: String, subscribedEvents: [WebhookEventType], phoneNumbers: [String]? = nil,
        isActive: Bool, createdAt: Date, updatedAt: Date, routingIDHeader: String? = nil,
        routingKeyHeader: String? = nil
    ) {
        self.id = id
        self.targetURL = targetURL
        self.subscribedEvents = subscribedEvents
        self.phoneNumbers = phoneNumbers
        self.isActive = isActive
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.routingIDHeader = routingIDHeader
        self.routingKeyHeader = routingKeyHeader
    }

    enum CodingKeys: String, CodingKey {
        case id
        case targetURL = "target_url"
        case subscribedEvents = "subscribed_events"
        case phoneNumbers = "phone_numbers"
        case isActive = "is_active"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case routingIDHeader = "routing_id_header"
        case routingKeyHeader = "routing_key_header"
    }
}
