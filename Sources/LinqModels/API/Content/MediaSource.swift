/// Where a file you send comes from: a public URL or a pre-uploaded attachment.
///
/// Encodes as a `url` or an `attachment_id` key inside the enclosing object, so exactly one
/// of the two is always sent.
public enum MediaSource: Codable, Hashable, Sendable {
    /// A public URL Linq downloads (must be https for media parts).
    case url(String)
    /// A file uploaded with `POST /v3/attachments`.
    case attachment(AttachmentID)

    enum CodingKeys: String, CodingKey {
        case url
        case attachmentID = "attachment_id"
    }

    /// Decodes whichever of `url` and `attachment_id` is present.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let url = try container.decodeIfPresent(String.self, forKey: .url)
        let attachment = try container.decodeIfPresent(AttachmentID.self, forKey: .attachmentID)
        switch (url, attachment) {
        case (let url?, nil): self = .url(url)
        case (nil, let attachment?): self = .attachment(attachment)
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Expected exactly one of url and attachment_id")
            )
        }
    }

    /// Encodes `url` or `attachment_id` into the enclosing object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .url(let url): try container.encode(url, forKey: .url)
        case .attachment(let id): try container.encode(id, forKey: .attachmentID)
        }
    }
}
