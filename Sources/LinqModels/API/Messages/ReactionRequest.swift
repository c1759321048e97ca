/// The body of `POST /v3/messages/{messageId}/reactions`: add or remove a tapback or sticker.
///
/// ```swift
/// let love = ReactionRequest.add(.love)
/// let pray = ReactionRequest.add(customEmoji: "🙏")
/// let party = ReactionRequest.addSticker(.emoji("🎉"), placement: .init(x: 0.5, y: -0.5, scale: 0.8))
/// let undo = ReactionRequest(operation: .remove, type: .love)
/// ```
public struct ReactionRequest: Codable, Hashable, Sendable {
    /// Add or remove.
    public var operation: ReactionOperation
    /// The reaction type.
    public var type: ReactionType
    /// The emoji of a `custom` reaction (required for that type).
    public var customEmoji: String?
    /// The 0-based part reacted to; Linq's default is 0.
    public var partIndex: Int?
    /// The image of a `sticker` reaction.
    public var sticker: StickerSource?
    /// Where a sticker sits on the bubble.
    public var placement: StickerPlacement?

    /// Creates the body.
    public init(
        operation: ReactionOperation, type: ReactionType, customEmoji: String? = nil, partIndex: Int? = nil,
        sticker: StickerSource? = nil, placement: StickerPlacement? = nil
    ) {
        self.operation = operation
        self.type = type
        self.customEmoji = customEmoji
        self.partIndex = partIndex
        self.sticker = sticker
        self.placement = placement
    }

    /// Adds a tapback such as `.love`.
    public static func add(_ type: ReactionType, partIndex: Int? = nil) -> ReactionRequest {
        ReactionRequest(operation: .add, type: type, partIndex: partIndex)
    }

    /// Removes a tapback such as `.love`.
    public static func remove(_ type: ReactionType, partIndex: Int? = nil) -> ReactionRequest {
        ReactionRequest(operation: .remove, type: type, partIndex: partIndex)
    }

    /// Adds any emoji as a `custom` reaction.
    public static func add(customEmoji: String, partIndex: Int? = nil) -> ReactionRequest {
        ReactionRequest(operation: .add, type: .custom, customEmoji: customEmoji, partIndex: partIndex)
    }

    /// Places a sticker on the message (iMessage only; stickers cannot be removed).
    public static func addSticker(
        _ sticker: StickerSource, placement: StickerPlacement? = nil, partIndex: Int? = nil
    ) -> ReactionRequest {
        ReactionRequest(operation: .add, type: .sticker, partIndex: partIndex, sticker: sticker, placement: placement)
    }

    enum CodingKeys: String, CodingKey {
        case operation, type, placement, emoji, url
        case customEmoji = "custom_emoji"
        case partIndex = "part_index"
        case attachmentID = "attachment_id"
    }

    /// Decodes the body.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        operation = try container.decode(ReactionOperation.self, forKey: .operation)
        type = try container.decode(ReactionType.self, forKey: .type)
        customEmoji = try container.decodeIfPresent(String.self, forKey: .customEmoji)
        partIndex = try container.decodeIfPresent(Int.self, forKey: .partIndex)
        placement = try container.decodeIfPresent(StickerPlacement.self, forKey: .placement)
        if let emoji = try container.decodeIfPresent(String.self, forKey: .emoji) {
            sticker = .emoji(emoji)
        } else if let url = try container.decodeIfPresent(String.self, forKey: .url) {
            sticker = .url(url)
        } else if let id = try container.decodeIfPresent(AttachmentID.self, forKey: .attachmentID) {
            sticker = .attachment(id)
        } else {
            sticker = nil
        }
    }

    /// Encodes the body; the sticker becomes one of `emoji`, `url` or `attachment_id`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(operation, forKey: .operation)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(customEmoji, forKey: .customEmoji)
        try container.encodeIfPresent(partIndex, forKey: .partIndex)
        try container.encodeIfPresent(placement, forKey: .placement)
        switch sticker {
        case .emoji(let emoji): try container.encode(emoji, forKey: .emoji)
        case .url(let url): try container.encode(url, forKey: .url)
        case .attachment(let id): try container.encode(id, forKey: .attachmentID)
        case nil: break
        }
    }

    /// The image of a sticker reaction: exactly one of an emoji, an image URL or an attachment.
    public enum StickerSource: Hashable, Sendable {
        /// An emoji rendered as a sticker.
        case emoji(String)
        /// An image URL.
        case url(String)
        /// An image uploaded with `POST /v3/attachments`.
        case attachment(AttachmentID)
    }
}
