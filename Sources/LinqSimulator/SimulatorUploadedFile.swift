public import Foundation
public import LinqModels

/// A file uploaded to the simulated Linq, as a test reads it back.
public struct SimulatorUploadedFile: Sendable, Hashable {
    /// The attachment's id.
    public var id: AttachmentID
    /// The file name given at `POST /v3/attachments`.
    public var filename: String
    /// The MIME type given there.
    public var contentType: String
    /// The bytes of the presigned upload.
    public var data: Data
}
