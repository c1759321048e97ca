public import Foundation
public import LinqModels

/// Sending images, files and voice memos into the chat. A file given as bytes or as a local
/// path is uploaded to Linq (`POST /v3/attachments`, then the presigned upload) only once
/// the send is cleared by the outbound middleware and line health: a refused send uploads
/// nothing.
///
/// ```swift
/// bot.onText(.keyword("menu")) { ctx, _ in
///     try await ctx.sendMedia(url: "https://example.com/menu.jpg", caption: "Today's menu")
/// }
/// bot.onText(.keyword("receipt")) { ctx, _ in
///     try await ctx.sendFile(at: URL(fileURLWithPath: "receipts/1234.pdf"), caption: "Your receipt")
/// }
/// ```
extension ChatContext {
    /// Sends an image or file that Linq downloads from a public https `url` (up to 10 MB),
    /// with an optional caption after it; `sticker` sends an image as an iMessage sticker.
    @discardableResult
    public func sendMedia(url: String, caption: String? = nil, sticker: Bool? = nil) async throws -> OutboundResult {
        try await reply(Self.mediaContent(.media(url: url, sticker: sticker), caption: caption))
    }

    /// Sends an image or file from memory (up to 100 MB): uploaded, then sent as a media part,
    /// with an optional caption after it. The content type is guessed from `filename` when not given.
    @discardableResult
    public func sendMedia(
        _ data: Data, filename: String, contentType: AttachmentContentType? = nil, caption: String? = nil, sticker: Bool? = nil
    ) async throws -> OutboundResult {
        let upload = OutboundUpload(data: data, filename: filename, contentType: contentType ?? OutboundUpload.contentType(forFilename: filename))
        var content = Self.mediaContent(.media(attachment: OutboundUpload.placeholder, sticker: sticker), caption: caption)
        content.idempotencyKey = nextKey()
        return try await perform(.message(content, overrideOptOut: false), key: content.idempotencyKey, upload: upload)
    }

    /// Sends a local file (read now, uploaded once the send is cleared), with an optional
    /// caption after it. The content type is guessed from the file name when not given.
    @discardableResult
    public func sendFile(at file: URL, contentType: AttachmentContentType? = nil, caption: String? = nil) async throws -> OutboundResult {
        let data = try Data(contentsOf: file)
        return try await sendMedia(data, filename: file.lastPathComponent, contentType: contentType, caption: caption)
    }

    /// Sends audio from a public https `url` as an iMessage voice-memo bubble
    /// (`POST /v3/chats/{id}/voicememo`; MP3, M4A, AAC, CAF, WAV, AIFF or AMR). Line health
    /// treats it like a message: opt-out, stale replies, proactive limits, pacing, counting.
    @discardableResult
    public func sendVoiceMemo(url: String) async throws -> OutboundResult {
        try await perform(.voiceMemo(VoiceMemoRequest(url: url)), key: nextKey())
    }

    /// Sends audio from memory as a voice memo: uploaded once the send is cleared, then sent.
    @discardableResult
    public func sendVoiceMemo(_ data: Data, filename: String, contentType: AttachmentContentType? = nil) async throws -> OutboundResult {
        let upload = OutboundUpload(data: data, filename: filename, contentType: contentType ?? OutboundUpload.contentType(forFilename: filename))
        return try await perform(.voiceMemo(VoiceMemoRequest(attachment: OutboundUpload.placeholder)), key: nextKey(), upload: upload)
    }

    /// Sends an already uploaded attachment as a voice memo.
    @discardableResult
    public func sendVoiceMemo(attachment: AttachmentID) async throws -> OutboundResult {
        try await perform(.voiceMemo(VoiceMemoRequest(attachment: attachment)), key: nextKey())
    }

    private static func mediaContent(_ media: OutgoingPart, caption: String?) -> MessageContent {
        MessageContent(parts: [media] + (caption.map { [.text($0)] } ?? []))
    }
}
