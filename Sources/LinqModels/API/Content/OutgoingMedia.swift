/// A media part you send: exactly one of a public https `url` or an `attachment_id`.
public struct OutgoingMedia: Codable, Hashable, Sendable {
    /// Where the file comes from.
    public var source: MediaSource
    /// `true` sends an image as an iMessage sticker (ignored on SMS/RCS).
    public var sticker: Bool?

    /// Creates a media part.
    public init(source: MediaSource, sticker: Bool? = nil) {
        self.source = source
        self.sticker = sticker
    }

    /// A media part from a public https URL (≤ 10 MB).
    public init(url: String, sticker: Bool? = nil) {
        self.init(source: .url(url), sticker: sticker)
    }

    /// A media part from an uploaded attachment (≤ 100 MB).
    public init(attachment: AttachmentID, sticker: Bool? = nil) {
        self.init(source: .attachment(attachment), sticker: sticker)
    }

    enum CodingKeys: String, CodingKey { case type, sticker }

    /// Decodes a media part.
    public init(from decoder: any Decoder) throws {
        sticker = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Bool.self, forKey: .sticker)
        source = try MediaSource(from: decoder)
    }

    /// Encodes the part with `type: "media"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("media", forKey: .type)
        try container.encodeIfPresent(sticker, forKey: .sticker)
        try source.encode(to: encoder)
    }
}
