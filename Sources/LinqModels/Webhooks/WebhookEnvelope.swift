import Foundation

/// The wire envelope, decoded together with its payload in one pass.
///
/// Envelope problems throw (the caller reports a malformed envelope); payload problems are
/// caught and kept in ``outcome`` so the caller can report them with the event id.
struct WebhookEnvelope: Decodable {
    /// What became of `data`.
    enum Outcome {
        /// A modelled event type, decoded.
        case payload(WebhookPayload)
        /// An event type LinqBot does not model, kept as JSON.
        case unknown(JSONValue)
        /// A modelled event type whose `data` did not decode.
        case failed(String)
    }

    var apiVersion: String
    var webhookVersion: WebhookVersion
    var eventType: WebhookEventType
    var eventID: WebhookEventID
    var createdAt: Date
    var traceID: String?
    var partnerID: String?
    var outcome: Outcome

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

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decode(String.self, forKey: .apiVersion)
        webhookVersion = try container.decodeValue(forKey: .webhookVersion)
        eventType = try container.decodeValue(forKey: .eventType)
        eventID = try container.decodeID(forKey: .eventID)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        traceID = try container.decodeIfPresent(String.self, forKey: .traceID)
        partnerID = try container.decodeIfPresent(String.self, forKey: .partnerID)
        guard container.contains(.data) else {
            throw DecodingError.keyNotFound(
                CodingKeys.data, .init(codingPath: container.codingPath, debugDescription: "No data member")
            )
        }
        if WebhookPayload.isModelled(eventType) {
            do {
                let dataDecoder = try container.superDecoder(forKey: .data)
                if let payload = try WebhookPayload.decode(data: dataDecoder, eventType: eventType, version: webhookVersion) {
                    outcome = .payload(payload)
                } else {
                    outcome = .unknown(try container.decode(JSONValue.self, forKey: .data))
                }
            } catch {
                outcome = .failed(WebhookDecodingError.describe(error))
            }
        } else {
            outcome = .unknown(try container.decode(JSONValue.self, forKey: .data))
        }
    }
}
