/// A screen or bubble effect on an iMessage.
public struct MessageEffect: Codable, Hashable, Sendable {
    /// `screen` or `bubble`.
    public var type: EffectKind?
    /// The effect's name, e.g. `confetti` or `slam`.
    public var name: String?

    /// Creates an effect.
    public init(type: EffectKind?, name: String?) {
        self.type = type
        self.name = name
    }

    /// A full-screen effect.
    public static func screen(_ name: ScreenEffect) -> MessageEffect { MessageEffect(type: .screen, name: name.rawValue) }
    /// A bubble effect.
    public static func bubble(_ name: BubbleEffect) -> MessageEffect { MessageEffect(type: .bubble, name: name.rawValue) }

    /// Whether an effect covers the screen or the bubble.
    public struct EffectKind: LinqStringValue {
        /// The raw value as Linq spells it.
        public let rawValue: String
        /// Wraps a raw value.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Full-screen effect.
        public static let screen = EffectKind(rawValue: "screen")
        /// Bubble effect.
        public static let bubble = EffectKind(rawValue: "bubble")
    }

    /// The screen effects Linq documents.
    public enum ScreenEffect: String, Sendable, CaseIterable {
        case confetti, fireworks, lasers, sparkles, celebration, hearts, love, balloons, echo, spotlight
        case happyBirthday = "happy_birthday"
    }

    /// The bubble effects Linq documents.
    public enum BubbleEffect: String, Sendable, CaseIterable {
        case slam, loud, gentle, invisible
    }
}

/// A reference to the message (and part) a reply threads under.
public struct ReplyTo: Codable, Hashable, Sendable {
    /// The message replied to.
    public var messageID: MessageID
    /// The 0-based part index; Linq's default is 0.
    public var partIndex: Int?

    /// Creates a reply reference.
    public init(messageID: MessageID, partIndex: Int? = nil) {
        self.messageID = messageID
        self.partIndex = partIndex
    }

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id"
        case partIndex = "part_index"
    }
}

/// A half-open `[start, end)` range measured in UTF-16 code units, as Linq sends it (`[s, e]`).
public struct TextRange: Codable, Hashable, Sendable {
    /// The first UTF-16 offset.
    public var start: Int
    /// One past the last UTF-16 offset.
    public var end: Int

    /// Creates a range.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Reads `[start, end]`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        start = try container.decode(Int.self)
        end = try container.decode(Int.self)
    }

    /// Writes `[start, end]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(start)
        try container.encode(end)
    }

    /// The substring of `text` this range covers, or `nil` when it is out of bounds.
    public func substring(of text: String) -> Substring? {
        let utf16 = text.utf16
        guard start >= 0, start <= end, end <= utf16.count,
            let lower = utf16.index(utf16.startIndex, offsetBy: start, limitedBy: utf16.endIndex)
                .flatMap({ $0.samePosition(in: text) }),
            let upper = utf16.index(utf16.startIndex, offsetBy: end, limitedBy: utf16.endIndex)
                .flatMap({ $0.samePosition(in: text) })
        else { return nil }
        return text[lower..<upper]
    }
}
