/// A text part you send.
///
/// Ranges are `[start, end)` in UTF-16 code units of ``value``. Decorations, inline stickers
/// and mentions render on iMessage only; other recipients get plain text.
///
/// ```swift
/// let part = OutgoingText(
///     "Hey Kevin, lunch?",
///     textDecorations: [.init(range: TextRange(start: 11, end: 16), style: "bold")],
///     mention: "+15555550123", mentionRange: TextRange(start: 4, end: 9)
/// )
/// ```
public struct OutgoingText: Codable, Hashable, Sendable {
    /// The text, sent verbatim (Markdown is not rendered); 1–10,000 characters.
    public var value: String
    /// Styles (`bold`, `italic`, `strikethrough`, `underline`) or animations over ranges.
    public var textDecorations: [TextPart.TextDecoration]?
    /// Sticker images that replace ranges of the text.
    public var inlineStickers: [InlineSticker]?
    /// The handle to mention (group chats only; a DM answers 409 / 2023).
    public var mention: String?
    /// The part of ``value`` highlighted as the mention; the whole text when `nil`.
    public var mentionRange: TextRange?

    /// Creates a text part.
    public init(
        _ value: String, textDecorations: [TextPart.TextDecoration]? = nil, inlineStickers: [InlineSticker]? = nil,
        mention: String? = nil, mentionRange: TextRange? = nil
    ) {
        self.value = value
        self.textDecorations = textDecorations
        self.inlineStickers = inlineStickers
        self.mention = mention
        self.mentionRange = mentionRange
    }

    enum CodingKeys: String, CodingKey {
        case type, value, mention
        case textDecorations = "text_decorations"
        case inlineStickers = "inline_stickers"
        case mentionRange = "mention_range"
    }

    /// Decodes a text part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(String.self, forKey: .value)
        textDecorations = try container.decodeIfPresent([TextPart.TextDecoration].self, forKey: .textDecorations)
        inlineStickers = try container.decodeIfPresent([InlineSticker].self, forKey: .inlineStickers)
        mention = try container.decodeIfPresent(String.self, forKey: .mention)
        mentionRange = try container.decodeIfPresent(TextRange.self, forKey: .mentionRange)
    }

    /// Encodes the part with `type: "text"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("text", forKey: .type)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(textDecorations, forKey: .textDecorations)
        try container.encodeIfPresent(inlineStickers, forKey: .inlineStickers)
        try container.encodeIfPresent(mention, forKey: .mention)
        try container.encodeIfPresent(mentionRange, forKey: .mentionRange)
    }

    /// A sticker image that replaces `range` of the text on iMessage.
    ///
    /// The covered characters are what SMS/RCS recipients see, so cover a stand-in such as `"🎂"`.
    public struct InlineSticker: Codable, Hashable, Sendable {
        /// The UTF-16 range replaced.
        public var range: TextRange
        /// Where the image comes from.
        public var source: MediaSource

        /// Creates an inline sticker.
        public init(range: TextRange, source: MediaSource) {
            self.range = range
            self.source = source
        }

        /// An inline sticker from an image URL.
        public init(range: TextRange, url: String) {
            self.init(range: range, source: .url(url))
        }

        /// An inline sticker from an uploaded attachment.
        public init(range: TextRange, attachment: AttachmentID) {
            self.init(range: range, source: .attachment(attachment))
        }

        enum CodingKeys: String, CodingKey {
            case range
        }

        /// Decodes `{range, url | attachment_id}`.
        public init(from decoder: any Decoder) throws {
            range = try decoder.container(keyedBy: CodingKeys.self).decode(TextRange.self, forKey: .range)
            source = try MediaSource(from: decoder)
        }

        /// Encodes `{range, url | attachment_id}`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(range, forKey: .range)
            try source.encode(to: encoder)
        }
    }
}
