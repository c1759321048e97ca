public import Foundation

/// An uploaded file, as `GET /v3/attachments/{attachmentId}` returns it.
public struct Attachment: Codable, Hashable, Sendable {
    /// The attachment's id.
    public var id: AttachmentID
    /// The file name.
    public var filename: String
    /// The MIME type.
    public var contentType: AttachmentContentType
    /// The size in bytes.
    public var sizeBytes: Int
    /// When it was created.
    public var createdAt: Date
    /// Deprecated by Linq: upload state.
    public var status: AttachmentStatus
    /// Where it can be downloaded (freshly signed on the ephemeral tier).
    public var downloadURL: String?

    /// Creates a record.
    public init(
        id: AttachmentID, filename: String, contentType: AttachmentContentType, sizeBytes: Int, createdAt: Date,
        status: AttachmentStatus, downloadURL: String? = nil
    ) {
        self.id = id
        self.filename = filename
        self.contentType = contentType
        self.sizeBytes = sizeBytes
        self.createdAt = createdAt
        self.status = status
        self.downloadURL = downloadURL
    }

    enum CodingKeys: String, CodingKey {
        case id, filename, status
        case contentType = "content_type"
        case sizeBytes = "size_bytes"
        case createdAt = "created_at"
        case downloadURL = "download_url"
    }
}

/// The upload state of an attachment (deprecated by Linq).
public struct AttachmentStatus: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Waiting for the upload.
    public static let pending = AttachmentStatus(rawValue: "pending")
    /// Uploaded.
    public static let complete = AttachmentStatus(rawValue: "complete")
    /// The upload failed.
    public static let failed = AttachmentStatus(rawValue: "failed")
}
