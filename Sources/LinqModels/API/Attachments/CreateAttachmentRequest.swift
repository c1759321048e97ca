/// The body of `POST /v3/attachments`: ask for a presigned upload URL.
///
/// ```swift
/// let request = CreateAttachmentRequest(filename: "menu.pdf", contentType: .pdf, sizeBytes: 482_113)
/// ```
public struct CreateAttachmentRequest: Codable, Hashable, Sendable {
    /// The file name (≤ 255 characters).
    public var filename: String
    /// The file's MIME type.
    public var contentType: AttachmentContentType
    /// The exact size of the upload in bytes (≤ 100 MB).
    public var sizeBytes: Int

    /// Creates the body.
    public init(filename: String, contentType: AttachmentContentType, sizeBytes: Int) {
        self.filename = filename
        self.contentType = contentType
        self.sizeBytes = sizeBytes
    }

    enum CodingKeys: String, CodingKey {
        case filename
        case contentType = "content_type"
        case sizeBytes = "size_bytes"
    }
}
