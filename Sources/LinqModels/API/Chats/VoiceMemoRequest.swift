/// The body of `POST /v3/chats/{chatId}/voicememo`: send audio as an iMessage voice-memo bubble.
///
/// Formats: MP3, M4A, AAC, CAF, WAV, AIFF, AMR.
public struct VoiceMemoRequest: Codable, Hashable, Sendable {
    /// Where the audio comes from.
    public var source: Source
    /// Send even though the recipient opted out.
    public var overrideOptOut: Bool?

    /// Creates the body.
    public init(source: Source, overrideOptOut: Bool? = nil) {
        self.source = source
        self.overrideOptOut = overrideOptOut
    }

    /// A voice memo from a public https URL.
    public init(url: String, overrideOptOut: Bool? = nil) {
        self.init(source: .url(url), overrideOptOut: overrideOptOut)
    }

    /// A voice memo from an uploaded attachment.
    public init(attachment: AttachmentID, overrideOptOut: Bool? = nil) {
        self.init(source: .attachment(attachment), overrideOptOut: overrideOptOut)
    }

    enum CodingKeys: String, CodingKey {
        case voiceMemoURL = "voice_memo_url"
        case attachmentID = "attachment_id"
        case overrideOptOut = "override_optout"
    }

    /// Decodes the body.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        overrideOptOut = try container.decodeIfPresent(Bool.self, forKey: .overrideOptOut)
        let url = try container.decodeIfPresent(String.self, forKey: .voiceMemoURL)
        let attachment = try container.decodeIfPresent(AttachmentID.self, forKey: .attachmentID)
        switch (url, attachment) {
        case (let url?, nil): source = .url(url)
        case (nil, let attachment?): source = .attachment(attachment)
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Expected exactly one of voice_memo_url and attachment_id")
            )
        }
    }

    /// Encodes `voice_memo_url` or `attachment_id`, plus `override_optout`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch source {
        case .url(let url): try container.encode(url, forKey: .voiceMemoURL)
        case .attachment(let id): try container.encode(id, forKey: .attachmentID)
        }
        try container.encodeIfPresent(overrideOptOut, forKey: .overrideOptOut)
    }

    /// The audio of a voice memo.
    public enum Source: Hashable, Sendable {
        /// A public https URL.
        case url(String)
        /// A file uploaded with `POST /v3/attachments`.
        case attachment(AttachmentID)
    }
}
