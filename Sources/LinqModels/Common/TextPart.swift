/// A text part as Linq reports it.
public struct TextPart: Codable, Hashable, Sendable {
    /// The text, verbatim.
    public var value: String
    /// Bold, italic, … and animations over ranges (iMessage only).
    public var textDecorations: [TextDecoration]?
    /// Sticker images placed inside the text.
    public var inlineStickers: [InlineSticker]?
    /// Every mention in the text (iMessage groups only).
    public var mentions: [Mention]?
    /// The first mentioned handle (deprecated by Linq; use ``mentions``).
    public var mention: String?
    /// The range of the first mention (deprecated by Linq; use ``mentions``).
    public var mentionRange: TextRange?
    /// Reactions on this part (API responses only).
    public var reactions: [PartReaction]?

    /// Creates a text part.
    public init(
        value: String, textDecorations: [TextDecoration]? = nil, inlineStickers: [InlineSticker]? = nil,
        mentions: [Mention]? = nil, mention: String? = nil, mentionRange: TextRange? = nil,
        reactions: [PartReaction]? = nil
    ) {
        self.value = value
        self.textDecorations = textDecorations
        self.inlineStickers = inlineStickers
        self.mentions = mentions
        self.mention = mention
        self.mentionRange = mentionRange
        self.reactions = reactions
    }

    enum CodingKeys: String, CodingKey {
        case type, value, mentions, mention, reactions
        case textDecorations = "text_decorations"
        case inlineStickers = "inline_stickers"
        case mentionRange = "mention_range"
    }

    /// Decodes a text part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(String.self, forKey: .value)
        textDecorations = try container.decodeIfPresent([TextDecoration].self, forKey: .textDecorations)
        inlineStickers = try container.decodeIfPresent([InlineSticker].self, forKey: .inlineStickers)
        mentions = try container.decodeIfPresent([Mention].self, forKey: .mentions)
        mention = try container.decodeIfPresent(String.self, forKey: .mention)
        mentionRange = try container.decodeIfPresent(TextRange.self, forKey: .mentionRange)
        reactions = try container.decodeIfPresent([PartReaction].self, forKey: .reactions)
    }

    /// Encodes a text part with `type: "text"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("text", forKey: .type)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(textDecorations, forKey: .textDecorations)
        try container.encodeIfPresent(inlineStickers, forKey: .inlineStickers)
        try container.encodeIfPresent(mentions, forKey: .mentions)
        try container.encodeIfPresent(mention, forKey: .mention)
        try container.encodeIfPresent(mentionRange, forKey: .mentionRange)
        try container.encodeIfPresent(reactions, forKey: .reactions)
    }

    /// A style or animation over a range of the text.
    public struct TextDecoration: Codable, Hashable, Sendable {
        /// The UTF-16 range covered.
        public var range: TextRange
        /// `bold`, `italic`, `strikethrough` or `underline`.
        public var style: String?
        /// `big`, `small`, `shake`, `nod`, `explode`, `ripple`, `bloom` or `jitter`.
        public var animation: String?

        /// Creates a decoration; give a style or an animation.
        public init(range: TextRange, style: String? = nil, animation: String? = nil) {
            self.range = range
            self.style = style
            self.animation = animation
        }
    }

    /// A sticker image that replaces a range of the text on iMessage.
    public struct InlineSticker: Codable, Hashable, Sendable {
        /// The UTF-16 range replaced.
        public var range: TextRange
        /// The sticker's id.
        public var id: String?
        /// The file name.
        public var fileName: String?
        /// The MIME type.
        public var mimeType: String?
        /// Where the image can be downloaded.
        public var url: String?

        /// Creates an inline sticker record.
        public init(range: TextRange, id: String? = nil, fileName: String? = nil, mimeType: String? = nil, url: String? = nil) {
            self.range = range
            self.id = id
            self.fileName = fileName
            self.mimeType = mimeType
            self.url = url
        }

        enum CodingKeys: String, CodingKey {
            case range, id, url
            case fileName = "file_name"
            case mimeType = "mime_type"
        }
    }

    /// A mention of a participant inside the text.
    public struct Mention: Codable, Hashable, Sendable {
        /// The mentioned handle.
        public var handle: String
        /// `true` when the mention is of our line.
        public var isMe: Bool
        /// The UTF-16 range of the mention.
        public var range: TextRange

        /// Creates a mention.
        public init(handle: String, isMe: Bool, range: TextRange) {
            self.handle = handle
            self.isMe = isMe
            self.range = range
        }

        enum CodingKeys: String, CodingKey {
            case handle, range
            case isMe = "is_me"
        }
    }
}
