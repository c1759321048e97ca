import Foundation

/// Coding helpers shared by the webhook models.
enum WebhookCoding {
    /// The decoder for webhook bodies (Linq dates, 0 to 9 fractional digits).
    static let decoder = LinqJSON.makeDecoder()

    /// An encoder that writes dates with as many fractional digits (3, 6 or 9) as they need to read back unchanged.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatTimestamp(date))
        }
        return encoder
    }

    /// Formats `date` in UTC with the fewest of 3, 6 or 9 fractional digits that parse back to the same `Date`.
    ///
    /// `LinqTimestamp.format` writes milliseconds only (rounding down), which would change
    /// microsecond data timestamps when a body is re-encoded.
    static func formatTimestamp(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let seconds = interval.rounded(.down)
        let fraction = interval - seconds
        // "yyyy-MM-ddTHH:mm:ss.000Z" for whole seconds; keep the part before the dot.
        let base = String(LinqTimestamp.format(Date(timeIntervalSince1970: seconds)).dropLast(5))
        var candidate = ""
        for (digits, scale) in [(3, 1e3), (6, 1e6), (9, 1e9)] {
            var units = Int64((fraction * scale).rounded())
            var prefix = base
            if Double(units) >= scale {
                units = 0
                prefix = String(LinqTimestamp.format(Date(timeIntervalSince1970: seconds + 1)).dropLast(5))
            }
            let text = String(units)
            candidate = prefix + "." + String(repeating: "0", count: digits - text.count) + text + "Z"
            if LinqTimestamp.parse(candidate) == date { return candidate }
        }
        return candidate
    }
}

extension KeyedEncodingContainer {
    /// Encodes the value, or an explicit `null` when it is `nil` (Linq's bodies spell out nulls).
    mutating func encodeNullable<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value {
            try encode(value, forKey: key)
        } else {
            try encodeNil(forKey: key)
        }
    }
}

/// `reply_to` as Linq sends it: the SDK marks both fields optional, while ``ReplyTo`` requires the message id.
struct WireReplyTo: Decodable {
    var messageID: MessageID?
    var partIndex: Int?

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id"
        case partIndex = "part_index"
    }

    /// The reply reference, or `nil` when no message id was sent.
    var replyTo: ReplyTo? { messageID.map { ReplyTo(messageID: $0, partIndex: partIndex) } }
}

extension KeyedDecodingContainer {
    /// Decodes an optional `reply_to`, tolerating a missing message id.
    func decodeReplyTo(forKey key: Key) throws -> ReplyTo? {
        try decodeObjectIfPresent(WireReplyTo.self, forKey: key)?.replyTo
    }
}

/// Writes a ``ChatHandle`` the way webhook bodies spell it, with an explicit `left_at: null`.
///
/// `ChatHandle`'s own `Encodable` conformance leaves out nil members.
struct WireChatHandle: Encodable {
    var handle: ChatHandle

    init(_ handle: ChatHandle) { self.handle = handle }

    enum CodingKeys: String, CodingKey {
        case id, handle, service, status
        case isMe = "is_me"
        case joinedAt = "joined_at"
        case leftAt = "left_at"
        case lineType = "line_type"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(handle.id, forKey: .id)
        try container.encode(handle.handle, forKey: .handle)
        try container.encodeIfPresent(handle.isMe, forKey: .isMe)
        try container.encode(handle.joinedAt, forKey: .joinedAt)
        try container.encodeNullable(handle.leftAt, forKey: .leftAt)
        try container.encode(handle.service, forKey: .service)
        try container.encodeIfPresent(handle.status, forKey: .status)
        try container.encodeIfPresent(handle.lineType, forKey: .lineType)
    }
}

extension Optional where Wrapped == ChatHandle {
    /// The handle in its webhook wire form.
    var wire: WireChatHandle? { map(WireChatHandle.init) }
}
