/// A media part as Linq reports it.
public struct MediaPart: Codable, Hashable, Sendable {
    /// The attachment's id.
    public var id: AttachmentID
    /// The file name.
    public var filename: String
    /// The MIME type.
    public var mimeType: String
    /// The size in bytes.
    public var sizeBytes: Int
    /// Where the file can be downloaded (on `cdn.linqapp.com`).
    public var url: String
    /// Reactions on this part (API responses only).
    public var reactions: [PartReaction]?

    /// Creates a media part record.
    public init(id: AttachmentID, filename: String, mimeType: String, sizeBytes: Int, url: String, reactions: [PartReaction]? = nil) {
        self.id = id
        self.filename = filename
        self.mimeType = mimeType
        self.sizeBytes = sizeBytes
        self.url = url
        self.reactions = reactions
    }

    enum CodingKeys: String, CodingKey {
        case type, id, filename, url, reactions
        case mimeType = "mime_type"
        case sizeBytes = "size_bytes"
    }

    /// Decodes a media part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(AttachmentID.self, forKey: .id)
        filename = try container.decode(String.self, forKey: .filename)
        mimeType = try container.decode(String.self, forKey: .mimeType)
        sizeBytes = try container.decode(Int.self, forKey: .sizeBytes)
        url = try container.decode(String.self, forKey: .url)
        reactions = try container.decodeIfPresent([PartReaction].self, forKey: .reactions)
    }

    /// Encodes a media part with `type: "media"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("media", forKey: .type)
        try container.encode(id, forKey: .id)
        try container.encode(filename, forKey: .filename)
        try container.encode(mimeType, forKey: .mimeType)
        try container.encode(sizeBytes, forKey: .sizeBytes)
        try container.encode(url, forKey: .url)
        try container.encodeIfPresent(reactions, forKey: .reactions)
    }
}

/// A link part (a URL with a rich preview).
public struct LinkPart: Codable, Hashable, Sendable {
    /// The URL.
    public var value: String
    /// Reactions on this part (API responses only).
    public var reactions: [PartReaction]?

    /// Creates a link part record.
    public init(value: String, reactions: [PartReaction]? = nil) {
        self.value = value
        self.reactions = reactions
    }

    enum CodingKeys: String, CodingKey { case type, value, reactions }

    /// Decodes a link part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(String.self, forKey: .value)
        reactions = try container.decodeIfPresent([PartReaction].self, forKey: .reactions)
    }

    /// Encodes a link part with `type: "link"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("link", forKey: .type)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(reactions, forKey: .reactions)
    }
}

/// An iMessage app card as Linq reports it. Its `app` and `layout` objects are kept as JSON.
public struct IMessageAppPart: Codable, Hashable, Sendable {
    /// `{bundle_id, name, team_id, app_store_id?}`.
    public var app: JSONValue?
    /// `{caption?, subcaption?, trailing_caption?, trailing_subcaption?, image_url?, …}`.
    public var layout: JSONValue?
    /// The card's URL.
    public var url: String?
    /// Text shown where the card cannot be.
    public var fallbackText: String?

    /// Creates an app card record.
    public init(app: JSONValue? = nil, layout: JSONValue? = nil, url: String? = nil, fallbackText: String? = nil) {
        self.app = app
        self.layout = layout
        self.url = url
        self.fallbackText = fallbackText
    }

    enum CodingKeys: String, CodingKey {
        case type, app, layout, url
        case fallbackText = "fallback_text"
    }

    /// Decodes an app card part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        app = try container.decodeIfPresent(JSONValue.self, forKey: .app)
        layout = try container.decodeIfPresent(JSONValue.self, forKey: .layout)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        fallbackText = try container.decodeIfPresent(String.self, forKey: .fallbackText)
    }

    /// Encodes an app card part with `type: "imessage_app"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("imessage_app", forKey: .type)
        try container.encodeIfPresent(app, forKey: .app)
        try container.encodeIfPresent(layout, forKey: .layout)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(fallbackText, forKey: .fallbackText)
    }
}

/// An App Clip part as Linq reports it.
public struct AppClipPart: Codable, Hashable, Sendable {
    /// The App Clip URL.
    public var value: String
    /// The title Linq read from the clip.
    public var title: String?
    /// The description Linq read from the clip.
    public var description: String?
    /// The preview image.
    public var imageURL: String?

    /// Creates an App Clip record.
    public init(value: String, title: String? = nil, description: String? = nil, imageURL: String? = nil) {
        self.value = value
        self.title = title
        self.description = description
        self.imageURL = imageURL
    }

    enum CodingKeys: String, CodingKey {
        case type, value, title, description
        case imageURL = "image_url"
    }

    /// Decodes an App Clip part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(String.self, forKey: .value)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        imageURL = try container.decodeIfPresent(String.self, forKey: .imageURL)
    }

    /// Encodes an App Clip part with `type: "app_clip"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("app_clip", forKey: .type)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(imageURL, forKey: .imageURL)
    }
}
