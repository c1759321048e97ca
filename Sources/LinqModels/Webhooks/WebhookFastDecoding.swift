import Foundation

// Leaf decoders that go through JSONDecoder's concrete String/Bool overloads instead of the
// generic `decode<T>` path (and the custom date strategy): the hot path of every webhook.

extension KeyedDecodingContainer {
    /// Whether `key` is present and not `null`.
    func hasValue(forKey key: Key) throws -> Bool {
        contains(key) ? try !decodeNil(forKey: key) : false
    }

    /// A Linq timestamp.
    func decodeTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = LinqTimestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "Expected an ISO-8601 timestamp, got \"\(text)\""
            )
        }
        return date
    }

    /// A Linq timestamp, or `nil` when missing or `null`.
    func decodeTimestampIfPresent(forKey key: Key) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = LinqTimestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "Expected an ISO-8601 timestamp, got \"\(text)\""
            )
        }
        return date
    }

    /// A typed identifier.
    func decodeID<Kind>(forKey key: Key) throws -> LinqID<Kind> {
        LinqID(try decode(String.self, forKey: key))
    }

    /// A typed identifier, or `nil` when missing or `null`.
    func decodeIDIfPresent<Kind>(forKey key: Key) throws -> LinqID<Kind>? {
        try decodeIfPresent(String.self, forKey: key).map { LinqID($0) }
    }

    /// An open string value.
    func decodeValue<Value: LinqStringValue>(forKey key: Key) throws -> Value {
        Value(rawValue: try decode(String.self, forKey: key))
    }

    /// An open string value, or `nil` when missing or `null`.
    func decodeValueIfPresent<Value: LinqStringValue>(forKey key: Key) throws -> Value? {
        try decodeIfPresent(String.self, forKey: key).map { Value(rawValue: $0) }
    }

    /// Any decodable value, or `nil` when missing or `null` (skips the generic path for `null`).
    func decodeObjectIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try hasValue(forKey: key) ? try decode(type, forKey: key) : nil
    }

    /// Message parts; a missing or `null` list is empty.
    ///
    /// Plain text parts (only `type` and `value`) are read directly; every other part goes through ``MessagePart``.
    func decodePartsIfPresent(forKey key: Key) throws -> [MessagePart] {
        guard try hasValue(forKey: key) else { return [] }
        var array = try nestedUnkeyedContainer(forKey: key)
        var parts: [MessagePart] = []
        parts.reserveCapacity(array.count ?? 1)
        while !array.isAtEnd {
            let element = try array.superDecoder()
            let part = try element.container(keyedBy: PlainTextKeys.self)
            if try part.decodeIfPresent(String.self, forKey: .type) == "text",
                !PlainTextKeys.extras.contains(where: part.contains),
                let value = try part.decodeIfPresent(String.self, forKey: .value)
            {
                parts.append(.text(TextPart(value: value)))
            } else {
                parts.append(try MessagePart(from: element))
            }
        }
        return parts
    }

    /// A chat handle object.
    func decodeHandle(forKey key: Key) throws -> ChatHandle {
        let container = try nestedContainer(keyedBy: WireChatHandle.CodingKeys.self, forKey: key)
        return ChatHandle(
            id: try container.decodeID(forKey: .id),
            handle: try container.decode(String.self, forKey: .handle),
            joinedAt: try container.decodeTimestamp(forKey: .joinedAt),
            service: try container.decodeValue(forKey: .service),
            isMe: try container.decodeIfPresent(Bool.self, forKey: .isMe),
            leftAt: try container.decodeTimestampIfPresent(forKey: .leftAt),
            status: try container.decodeValueIfPresent(forKey: .status),
            lineType: try container.decodeValueIfPresent(forKey: .lineType)
        )
    }

    /// A chat handle object, or `nil` when missing or `null`.
    func decodeHandleIfPresent(forKey key: Key) throws -> ChatHandle? {
        try hasValue(forKey: key) ? try decodeHandle(forKey: key) : nil
    }

    /// A chat health object, or `nil` when missing or `null`.
    func decodeHealthIfPresent(forKey key: Key) throws -> HealthStatus? {
        guard try hasValue(forKey: key) else { return nil }
        let container = try nestedContainer(keyedBy: HealthKeys.self, forKey: key)
        return HealthStatus(
            status: try container.decodeValue(forKey: .status),
            docURL: try container.decodeIfPresent(String.self, forKey: .docURL) ?? "",
            updatedAt: try container.decodeTimestamp(forKey: .updatedAt)
        )
    }
}

/// The keys of a chat health object.
enum HealthKeys: String, CodingKey {
    case status
    case docURL = "doc_url"
    case updatedAt = "updated_at"
}

/// The keys that make a text part more than plain text.
enum PlainTextKeys: String, CodingKey {
    case type, value, mentions, mention, reactions
    case textDecorations = "text_decorations"
    case inlineStickers = "inline_stickers"
    case mentionRange = "mention_range"

    /// Keys whose presence sends a text part through the full decoder.
    static let extras: [PlainTextKeys] = [.mentions, .mention, .reactions, .textDecorations, .inlineStickers, .mentionRange]
}
