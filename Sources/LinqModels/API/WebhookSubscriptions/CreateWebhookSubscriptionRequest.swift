/// The body of `POST /v3/webhook-subscriptions`.
///
/// Each target URL can be used once per account; add `?version=2026-02-03` to pin the payload version.
///
/// ```swift
/// let request = CreateWebhookSubscriptionRequest(
///     targetURL: "https://bot.example.com/webhooks/linq?version=2026-02-03",
///     subscribedEvents: ["message.received", "reaction.added"])
/// ```
public struct CreateWebhookSubscriptionRequest: Codable, Hashable, Sendable {
    /// The https URL to post events to.
    public var targetURL: String
    /// At least one event type, e.g. `message.received`.
    public var subscribedEvents: [WebhookEventType]
    /// Only events for these E.164 lines; `nil` or empty means every line.
    public var phoneNumbers: [String]?
    /// Turns on delivery affinity: Linq sends a token in this header and reads it back from our 2xx.
    public var routingKeyHeader: String?
    /// The header carrying the routing id (default `Linq-Chat-Id`); ignored without ``routingKeyHeader``.
    public var routingIDHeader: String?

    /// Creates the body.
    public init(
        targetURL: String, subscribedEvents: [WebhookEventType], phoneNumbers: [String]? = nil,
        routingKeyHeader: String? = nil, routingIDHeader: String? = nil
    ) {
        self.targetURL = targetURL
        self.subscribedEvents = subscribedEvents
        self.phoneNumbers = phoneNumbers
        self.routingKeyHeader = routingKeyHeader
        self.routingIDHeader = routingIDHeader
    }

    enum CodingKeys: String, CodingKey {
        case targetURL = "target_url"
        case subscribedEvents = "subscribed_events"
        case phoneNumbers = "phone_numbers"
        case routingKeyHeader = "routing_key_header"
        case routingIDHeader = "routing_id_header"
    }
}
