/// The body of `PUT /v3/webhook-subscriptions/{id}`; only the fields you touch are sent.
///
/// The three nullable fields are ``FieldUpdate`` values, so they can be cleared with an explicit `null`:
///
/// ```swift
/// var update = UpdateWebhookSubscriptionRequest(isActive: true)
/// update.phoneNumbers = .clear          // every line again
/// update.routingKeyHeader = .clear      // affinity off
/// // {"is_active": true, "phone_numbers": null, "routing_key_header": null}
/// ```
public struct UpdateWebhookSubscriptionRequest: Codable, Hashable, Sendable {
    /// A new https target URL.
    public var targetURL: String?
    /// A new set of event types.
    public var subscribedEvents: [WebhookEventType]?
    /// Pauses (`false`) or resumes (`true`) delivery.
    public var isActive: Bool?
    /// Lines to limit delivery to; `.clear` (or an empty list) means every line.
    public var phoneNumbers: FieldUpdate<[String]>
    /// Delivery-affinity header; `.clear` turns affinity off and drops tokens.
    public var routingKeyHeader: FieldUpdate<String>
    /// Routing id header; `.clear` restores the default `Linq-Chat-Id`.
    public var routingIDHeader: FieldUpdate<String>

    /// Creates the body; untouched fields are left out.
    public init(
        targetURL: String? = nil, subscribedEvents: [WebhookEventType]? = nil, isActive: Bool? = nil,
        phoneNumbers: FieldUpdate<[String]> = .keep, routingKeyHeader: FieldUpdate<String> = .keep,
        routingIDHeader: FieldUpdate<String> = .keep
    ) {
        self.targetURL = targetURL
        self.subscribedEvents = subscribedEvents
        self.isActive = isActive
        self.phoneNumbers = phoneNumbers
        self.routingKeyHeader = routingKeyHeader
        self.routingIDHeader = routingIDHeader
    }

    enum CodingKeys: String, CodingKey {
        case targetURL = "target_url"
        case subscribedEvents = "subscribed_events"
        case isActive = "is_active"
        case phoneNumbers = "phone_numbers"
        case routingKeyHeader = "routing_key_header"
        case routingIDHeader = "routing_id_header"
    }

    /// Decodes the body; a missing key is `.keep` and `null` is `.clear`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        targetURL = try container.decodeIfPresent(String.self, forKey: .targetURL)
        subscribedEvents = try container.decodeIfPresent([WebhookEventType].self, forKey: .subscribedEvents)
        isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive)
        phoneNumbers = try container.decodeUpdate(FieldUpdate<[String]>.self, forKey: .phoneNumbers)
        routingKeyHeader = try container.decodeUpdate(FieldUpdate<String>.self, forKey: .routingKeyHeader)
        routingIDHeader = try container.decodeUpdate(FieldUpdate<String>.self, forKey: .routingIDHeader)
    }

    /// Encodes only the fields set, with `null` for cleared ones.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(targetURL, forKey: .targetURL)
        try container.encodeIfPresent(subscribedEvents, forKey: .subscribedEvents)
        try container.encodeIfPresent(isActive, forKey: .isActive)
        try container.encodeUpdate(phoneNumbers, forKey: .phoneNumbers)
        try container.encodeUpdate(routingKeyHeader, forKey: .routingKeyHeader)
        try container.encodeUpdate(routingIDHeader, forKey: .routingIDHeader)
    }
}
