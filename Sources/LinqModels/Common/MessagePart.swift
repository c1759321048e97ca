/// One part of a received or sent message, as Linq reports it in responses and webhooks.
///
/// Part types LinqBot does not know yet are kept in ``unknown(type:raw:)``.
public enum MessagePart: Codable, Hashable, Sendable {
    /// Text, possibly with decorations, stickers and mentions.
    case text(TextPart)
    /// An image, video, audio file or document.
    case media(MediaPart)
    /// A URL with a rich preview.
    case link(LinkPart)
    /// An iMessage app card.
    case iMessageApp(IMessageAppPart)
    /// An App Clip invitation.
    case appClip(AppClipPart)
    /// A part of a type this version does not model, kept as it arrived.
    case unknown(type: String, raw: JSONValue)

    /// The text of a text part, else `nil`.
    public var text: String? {
        if case .text(let part) = self { return part.value }
        return nil
    }

    /// The wire `type` value.
    public var type: String {
        switch self {
        case .text: "text"
        case .media: "media"
        case .link: "link"
        case .iMessageApp: "imessage_app"
        case .appClip: "app_clip"
        case .unknown(let type, _): type
        }
    }

    enum TypeKey: String, CodingKey { case type }

    /// Decodes a part by its `type`.
    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        switch type {
        case "text": self = .text(try TextPart(from: decoder))
        case "media": self = .media(try MediaPart(from: decoder))
        case "link": self = .link(try LinkPart(from: decoder))
        case "imessage_app": self = .iMessageApp(try IMessageAppPart(from: decoder))
        case "app_clip": self = .appClip(try AppClipPart(from: decoder))
        default: self = .unknown(type: type, raw: try JSONValue(from: decoder))
        }
    }

    /// Encodes the part with its `type`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let part): try part.encode(to: encoder)
        case .media(let part): try part.encode(to: encoder)
        case .link(let part): try part.encode(to: encoder)
        case .iMessageApp(let part): try part.encode(to: encoder)
        case .appClip(let part): try part.encode(to: encoder)
        case .unknown(_, let raw): try raw.encode(to: encoder)
        }
    }
}

/// A reaction shown on a part (API responses only; webhook parts carry none).
public struct PartReaction: Codable, Hashable, Sendable {
    /// Who reacted.
    public var handle: ChatHandle
    /// `true` when our line reacted.
    public var isMe: Bool
    /// The reaction type.
    public var type: ReactionType
    /// The reaction's id (used to move a sticker).
    public var id: ReactionID?
    /// The emoji of a `custom` reaction.
    public var customEmoji: String?
    /// The sticker of a `sticker` reaction.
    public var sticker: StickerInfo?

    /// Creates a reaction record.
    public init(
        handle: ChatHandle, isMe: Bool, type: ReactionType, id: ReactionID? = nil, customEmoji: String? = nil,
        sticker: StickerInfo? = nil
    ) {
        self.handle = handle
        self.isMe = isMe
        self.type = type
        self.id = id
        self.customEmoji = customEmoji
        self.sticker = sticker
    }

    enum CodingKeys: String, CodingKey {
        case handle, type, id, sticker
        case isMe = "is_me"
        case customEmoji = "custom_emoji"
    }
}

/// The image of a sticker reaction.
public struct StickerInfo: Codable, Hashable, Sendable {
    /// The file name.
    public var fileName: String?
    /// The MIME type.
    public var mimeType: String?
    /// Where the image can be downloaded.
    public var url: String?
    /// Width in pixels.
    public var width: Int?
    /// Height in pixels.
    public var height: Int?

    /// Creates sticker details.
    public init(fileName: String? = nil, mimeType: String? = nil, url: String? = nil, width: Int? = nil, height: Int? = nil) {
        self.fileName = fileName
        self.mimeType = mimeType
        self.url = url
        self.width = width
        self.height = height
    }

    enum CodingKeys: String, CodingKey {
        case url, width, height
        case fileName = "file_name"
        case mimeType = "mime_type"
    }
}
