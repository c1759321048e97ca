/// Why a webhook body could not be turned into a ``WebhookEvent``.
public enum WebhookDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The body is not JSON, not an object, or an envelope field is missing or has the wrong type.
    case malformedEnvelope(String)
    /// The envelope is fine and the event type is known, but its `data` does not match that type.
    case invalidPayload(eventType: WebhookEventType, eventID: WebhookEventID, reason: String)

    /// A one-line explanation for logs.
    public var description: String {
        switch self {
        case .malformedEnvelope(let reason):
            "malformed webhook envelope: \(reason)"
        case .invalidPayload(let eventType, let eventID, let reason):
            "invalid \(eventType) payload in event \(eventID): \(reason)"
        }
    }
}

extension WebhookDecodingError {
    /// A short, path-qualified description of a decoding failure.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "<root>" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key \(path(context.codingPath + [key]))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context.codingPath))"
        case .valueNotFound(let type, let context):
            return "expected \(type) but found null at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        @unknown default:
            return String(describing: error)
        }
    }
}
