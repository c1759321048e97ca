public import Foundation
public import LinqModels

/// A file an outbound action uploads to Linq (`POST /v3/attachments`, then the presigned
/// upload) only once it is cleared to go, so nothing is uploaded for a send that line health
/// refuses. The action's content names the file with ``placeholder``; the upload's
/// attachment id takes its place.
public struct OutboundUpload: Sendable {
    /// The attachment id that stands for the upload in a media part or a voice memo until
    /// the file is uploaded.
    public static let placeholder = AttachmentID("linqbot-pending-upload")

    /// The bytes.
    public var data: Data
    /// The file name shown to the person.
    public var filename: String
    /// The MIME type.
    public var contentType: AttachmentContentType

    /// Describes a file to upload.
    public init(data: Data, filename: String, contentType: AttachmentContentType) {
        self.data = data
        self.filename = filename
        self.contentType = contentType
    }

    /// The MIME type of a file name's extension, for the types Linq accepts most often;
    /// `application/octet-stream` otherwise.
    public static func contentType(forFilename filename: String) -> AttachmentContentType {
        let ext = filename.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let known: [String: AttachmentContentType] = [
            "jpg": .jpeg, "jpeg": .jpeg, "png": .png, "gif": .gif, "heic": .heic, "heif": .heif, "webp": .webp, "tif": .tiff,
            "tiff": .tiff, "mp4": .mp4, "mov": .quickTime, "m4v": .m4v, "mp3": .mp3, "m4a": .m4a, "aac": .aac, "caf": .caf,
            "wav": .wav, "aiff": .aiff, "amr": .amr, "pdf": .pdf, "pkpass": .pkpass, "txt": .plainText, "vcf": .vCard,
            "csv": .csv, "ics": .calendar, "zip": .zip,
        ]
        return known[ext] ?? AttachmentContentType(rawValue: "application/octet-stream")
    }
}
