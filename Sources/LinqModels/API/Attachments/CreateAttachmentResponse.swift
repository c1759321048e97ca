public import Foundation

/// The answer to `POST /v3/attachments`: where and how to `PUT` the file's bytes.
///
/// Upload the raw bytes (exactly `size_bytes` of them) to ``uploadURL`` with exactly
/// ``requiredHeaders`` before ``expiresAt`` (15 minutes), then send ``attachmentID`` in a media part.
public struct CreateAttachmentResponse: Codable, Hashable, Sendable {
    /// The id to use in media parts.
    public var attachmentID: AttachmentID
    /// The presigned upload URL; treat it as opaque.
    public var uploadURL: String
    /// Where the file will be downloadable.
    public var downloadURL: String
    /// The upload method, `PUT`.
    public var httpMethod: String
    /// The headers the upload must carry, exactly.
    public var requiredHeaders: [String: String]
    /// When ``uploadURL`` stops working.
    public var expiresAt: Date

    /// Creates a response.
    public init(
        attachmentID: AttachmentID, uploadURL: String, downloadURL: String, httpMethod: String = "PUT",
        requiredHeaders: [String: String], expiresAt: Date
    ) {
        self.attachmentID = attachmentID
        self.uploadURL = uploadURL
        self.downloadURL = downloadURL
        self.httpMethod = httpMethod
        self.requiredHeaders = requiredHeaders
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case attachmentID = "attachment_id"
        case uploadURL = "upload_url"
        case downloadURL = "download_url"
        case httpMethod = "http_method"
        case requiredHeaders = "required_headers"
        case expiresAt = "expires_at"
    }
}
