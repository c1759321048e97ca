public import Foundation

/// One webhook delivery from Linq: the V3 envelope plus its typed payload.
///
/// ```swift
/// let event = try WebhookEvent.decode(from: body)
/// switch event.payload {
/// case .message(let message) where message.kind == .received: ...
/// case .reaction(let reaction): ...
/// default: break
/// }
/// ```
///
/// Decoding reads the envelope and the typed payload in one pass. The body is kept in
/// ``rawBody``; ``rawData()`` decodes the raw `data` JSON on demand. Two events are equal
/// when every member is, the raw body included.
public struct WebhookEvent: Sendable, Equatable {
    /// The API version of the envelope, `v3`.
    public var apiVersion: String
    /// The payload version the subscription receives.
    public var webhookVersion: WebhookVersion
    /// The event type.
    public var eventType: WebhookEventType
    /// The event id; identical across retries, so deduplicate on it.
    public var eventID: WebhookEventID
    /// When Linq created the event (up to nanosecond precision on the wire).
    public var createdAt: Date
    /// The trace id of the API call that caused the event, where there was one.
    public var traceID: String?
    /// Our partner id.
    public var partnerID: String?
    /// The typed payload.
    public var payload: WebhookPayload
    /// The body exactly as received; empty for events built in code.
    public var rawBody: Data
    /// The raw `data` of event types LinqBot does not model (decoded eagerly); `nil` for modelled types.
    public var unknownData: JSONValue?

    /// Creates an event, e.g. for a simulator to encode with ``encodedBody(version:)``.
    ///
    /// - Parameters:
    ///   - eventType: defaults to the payload's type; give it for ``WebhookPayload/unknown`` payloads.
    ///   - unknownData: the `data` of an ``WebhookPayload/unknown`` payload.
    public init(
        apiVersion: String = "v3", webhookVersion: WebhookVersion = .latest, eventType: WebhookEventType? = nil,
        eventID: WebhookEventID, createdAt: Date, traceID: String? = nil, partnerID: String? = nil,
        payload: WebhookPayload, unknownData: JSONValue? = nil
    ) {
        self.apiVersion = apiVersion
        self.webhookVersion = webhookVersion
        self.eventType = eventType ?? payload.eventType ?? WebhookEventType(rawValue: "unknown")
        self.eventID = eventID
        self.createdAt = createdAt
        self.traceID = traceID
        self.partnerID = partnerID
        self.payload = payload
        self.rawBody = Data()
        self.unknownData = unknownData
    }

    /// Decodes one webhook POST body.
    ///
    /// - Throws: ``WebhookDecodingError/malformedEnvelope(_:)`` when the body is not a JSON object
    ///   with the envelope fields; ``WebhookDecodingError/invalidPayload(eventType:eventID:reason:)``
    ///   when a modelled event type's `data` does not match it.
    public static func decode(from body: Data) throws(WebhookDecodingError) -> WebhookEvent {
        if let event = QuickMessageDecoding.event(from: body) { return event }
        return try decodeWithJSONDecoder(from: body)
    }

    /// ``decode(from:)`` through `JSONDecoder` alone, without the byte-level path for text
    /// messages: the reference that path is held to.
    package static func decodeWithJSONDecoder(from body: Data) throws(WebhookDecodingError) -> WebhookEvent {
        let envelope: WebhookEnvelope
        do {
            envelope = try WebhookCoding.decoder.decode(WebhookEnvelope.self, from: body)
        } catch {
            throw .malformedEnvelope(WebhookDecodingError.describe(error))
        }
        var event = WebhookEvent(
            apiVersion: envelope.apiVersion, webhookVersion: envelope.webhookVersion, eventType: envelope.eventType,
            eventID: envelope.eventID, createdAt: envelope.createdAt, traceID: envelope.traceID,
            partnerID: envelope.partnerID, payload: .unknown
        )
        event.rawBody = body
        switch envelope.outcome {
        case .payload(let payload):
            event.payload = payload
        case .unknown(let data):
            event.unknownData = data
        case .failed(let reason):
            throw .invalidPayload(eventType: envelope.eventType, eventID: envelope.eventID, reason: reason)
        }
        return event
    }

    /// The raw `data` object of the event, decoded on demand from ``rawBody``.
    ///
    /// For events built in code it is produced by encoding the payload in ``webhookVersion``.
    public func rawData() throws -> JSONValue {
        if let unknownData { return unknownData }
        let body = rawBody.isEmpty ? try encodedBody() : rawBody
        return try WebhookCoding.decoder.decode(RawDataEnvelope.self, from: body).data
    }

    /// The message event, when the payload is one.
    public var message: MessageEvent? {
        if case .message(let message) = payload { return message }
        return nil
    }

    /// The chat the event concerns, when its payload names one.
    public var chatID: ChatID? {
        switch payload {
        case .message(let event): event.chatID
        case .messageFailed(let event): event.chatID
        case .messageEdited(let event): event.chatID
        case .reaction(let event): event.chatID
        case .typingIndicator(let event): event.chatID
        case .participant(let event): event.chatID
        case .chatCreated(let event): event.chatID
        case .locationSharing(let event): event.chatID
        case .phoneNumberStatus, .contactCard, .unknown: nil
        }
    }
}

/// Reads only the `data` member of a body.
private struct RawDataEnvelope: Decodable {
    var data: JSONValue
}
