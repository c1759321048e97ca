/// One field of a partial update: leave it alone, set it, or clear it with an explicit `null`.
///
/// Synthesized `Encodable` cannot tell "omit" from "send null"; request types that need
/// both store their nullable fields as a `FieldUpdate` and encode them by hand.
///
/// ```swift
/// var update = UpdateWebhookSubscriptionRequest()
/// update.phoneNumbers = .clear          // sends "phone_numbers": null
/// update.routingKeyHeader = .set("X-Route")
/// ```
public enum FieldUpdate<Value: Codable & Hashable & Sendable>: Hashable, Sendable {
    /// Leave the field out of the body.
    case keep
    /// Send this value.
    case set(Value)
    /// Send `null`.
    case clear

    /// The value being set, or `nil` for ``keep`` and ``clear``.
    public var value: Value? {
        if case .set(let value) = self { return value }
        return nil
    }
}

extension KeyedEncodingContainer {
    /// Encodes a `FieldUpdate`: nothing for `.keep`, the value for `.set`, `null` for `.clear`.
    mutating func encodeUpdate<Value>(_ update: FieldUpdate<Value>, forKey key: Key) throws {
        switch update {
        case .keep: break
        case .set(let value): try encode(value, forKey: key)
        case .clear: try encodeNil(forKey: key)
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes a `FieldUpdate`: a missing key is `.keep`, `null` is `.clear`.
    func decodeUpdate<Value>(_ type: FieldUpdate<Value>.Type, forKey key: Key) throws -> FieldUpdate<Value> {
        guard contains(key) else { return .keep }
        if try decodeNil(forKey: key) { return .clear }
        return .set(try decode(Value.self, forKey: key))
    }
}
