public import Foundation

extension WebhookEvent: Encodable {
    enum CodingKeys: String, CodingKey {
        case data
        case apiVersion = "api_version"
        case webhookVersion = "webhook_version"
        case eventType = "event_type"
        case eventID = "event_id"
        case createdAt = "created_at"
        case traceID = "trace_id"
        case partnerID = "partner_id"
    }

    /// Encodes the envelope and the payload in the layout of ``webhookVersion``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(apiVersion, forKey: .apiVersion)
        try container.encode(webhookVersion, forKey: .webhookVersion)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(traceID, forKey: .traceID)
        try container.encodeIfPresent(partnerID, forKey: .partnerID)
        try payload.encodeData(
            to: container.superEncoder(forKey: .data), version: webhookVersion, eventCreatedAt: createdAt,
            unknownData: unknownData
        )
    }

    /// A webhook POST body for this event in `version`'s layout (by default ``webhookVersion``).
    ///
    /// 2026-02-03 writes message fields flat with `chat`, `direction` and `sender_handle`; 2025-01-01
    /// nests them under `message` with `chat_id`, `is_group`, `from`, `from_handle`, `recipient_phone`,
    /// `recipient_handle`, `is_from_me` and `received_at`. Keys are sorted; dates keep their precision.
    public func encodedBody(version: WebhookVersion? = nil) throws -> Data {
        var event = self
        if let version { event.webhookVersion = version }
        return try WebhookCoding.makeEncoder().encode(event)
    }
}
