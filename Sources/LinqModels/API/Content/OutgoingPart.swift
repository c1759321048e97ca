/// One part of a message you send (request side).
///
/// ```swift
/// let parts: [OutgoingPart] = [
///     .text("Here is the menu"),
///     .media(url: "https://example.com/menu.pdf"),
/// ]
/// let preview: OutgoingPart = .link("https://example.com/booking")
/// ```
public enum OutgoingPart: Codable, Hashable, Sendable {
    /// Text, with optional decorations, inline stickers and a mention.
    case text(OutgoingText)
    /// A file, from a public https URL or a pre-uploaded attachment.
    case media(OutgoingMedia)
    /// A URL sent with a rich preview; must be the only part.
    case link(String)
    /// An iMessage app card; must be the only part.
    case iMessageApp(OutgoingIMessageApp)
    /// A registered App Clip card; must be the only part.
    case appClip(OutgoingAppClip)

    /// A plain text part.
    public static func text(_ value: String) -> OutgoingPart {
        .text(OutgoingText(value))
    }

    /// A media part downloaded by Linq from a public https URL (≤ 10 MB).
    public static func media(url: String, sticker: Bool? = nil) -> OutgoingPart {
        .media(OutgoingMedia(url: url, sticker: sticker))
    }

    /// A media part that uses a file uploaded with `POST /v3/attachments`.
    public static func media(attachment: AttachmentID, sticker: Bool? = nil) -> OutgoingPart {
        .media(OutgoingMedia(attachment: attachment, sticker: sticker))
    }

    /// An App Clip card for a registered App Clip URL.
    public static func appClip(_ url: String, caption: String? = nil) -> OutgoingPart {
        .appClip(OutgoingAppClip(value: url, caption: caption))
    }

    /// The wire `type` value.
    public var type: String {
        switch self {
        case .text: "text"
        case .media: "media"
        case .link: "link"
        case .iMessageApp: "imessage_app"
        case .appClip: "app_clip"
        }
    }

    enum CodingKeys: String, CodingKey { case type, value }

    /// Decodes a part by its `type`; unknown types are an error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "text": self = .text(try OutgoingText(from: decoder))
        case "media": self = .media(try OutgoingMedia(from: decoder))
        case "link": self = .link(try container.decode(String.self, forKey: .value))
        case "imessage_app": self = .iMessageApp(try OutgoingIMessageApp(from: decoder))
        case "app_clip": self = .appClip(try OutgoingAppClip(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "Unknown part type \"\(type)\"; expected text, media, link, imessage_app or app_clip"
            )
        }
    }

    /// Encodes the part with its `type`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let part): try part.encode(to: encoder)
        case .media(let part): try part.encode(to: encoder)
        case .link(let url):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("link", forKey: .type)
            try container.encode(url, forKey: .value)
        case .iMessageApp(let part): try part.encode(to: encoder)
        case .appClip(let part): try part.encode(to: encoder)
        }
    }
}
