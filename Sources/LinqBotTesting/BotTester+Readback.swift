import Foundation
public import LinqModels

/// Reading back what the bot made in a chat: the files it sent, its voice memos, edits and
/// contact-card shares, and the group changes made by anyone. Each reads the chat `chat` when
/// given, else the direct chat with `handle` (the default person).
///
/// ```swift
/// #expect(try await tester.media() == [BotTester.SentMedia(url: "https://example.com/menu.pdf", filename: "menu.pdf", mimeType: "application/pdf")])
/// #expect(try await tester.groupChanges(in: group) == [.added("+15555550125", by: tester.line)])
/// ```
extension BotTester {
    /// A file our line sent: a media part of a message, or a voice memo.
    public struct SentMedia: Sendable, Hashable {
        /// Where the file is.
        public var url: String
        /// Its file name.
        public var filename: String
        /// Its MIME type, e.g. `image/jpeg`.
        public var mimeType: String

        /// Creates a file to compare with.
        public init(url: String, filename: String, mimeType: String) {
            self.url = url
            self.filename = filename
            self.mimeType = mimeType
        }
    }

    /// An edit our line made to one of its messages.
    public struct Edit: Sendable, Hashable {
        /// The edited message.
        public var messageID: MessageID
        /// The text part that changed.
        public var partIndex: Int
        /// Its new text.
        public var text: String

        /// Creates an edit to compare with.
        public init(messageID: MessageID, partIndex: Int = 0, text: String) {
            self.messageID = messageID
            self.partIndex = partIndex
            self.text = text
        }
    }

    /// A change to a group; `by` is who made it: a person's handle, or ``BotTester/line`` when
    /// the bot made it.
    public enum GroupChange: Sendable, Hashable {
        /// `handle` was added.
        case added(String, by: String)
        /// `handle` was taken out, or left (then `by` is `handle`).
        case removed(String, by: String)
        /// Our line left the group.
        case left
        /// The group was renamed (`nil`: its name was cleared).
        case renamed(String?, by: String)
        /// The group's icon changed (`nil`: it was cleared).
        case iconChanged(String?, by: String)
    }

    /// The files our line sent as parts of its messages, oldest first (voice memos are in
    /// ``voiceMemos(in:with:)``).
    public func media(in chat: ChatID? = nil, with handle: String? = nil) async throws -> [SentMedia] {
        try await sentFiles(in: chat, with: handle, voiceMemos: false)
    }

    /// The voice memos our line sent, oldest first.
    public func voiceMemos(in chat: ChatID? = nil, with handle: String? = nil) async throws -> [SentMedia] {
        try await sentFiles(in: chat, with: handle, voiceMemos: true)
    }

    /// The edits our line made to its messages, oldest first.
    public func edits(in chat: ChatID? = nil, with handle: String? = nil) async throws -> [Edit] {
        let timeline = try await timeline(of: chat, with: handle)
        return timeline.entries.compactMap { entry in
            guard case .edit(let by, let message, let index, let text, _) = entry, by == timeline.line else { return nil }
            return Edit(messageID: message, partIndex: index, text: text)
        }
    }

    /// How many times our line shared its contact card in the chat.
    public func contactCardShares(in chat: ChatID? = nil, with handle: String? = nil) async throws -> Int {
        try await timeline(of: chat, with: handle).messages.filter { $0.outbound && $0.kind == "contact_card" }.count
    }

    /// Who joined or left the group and how it was renamed, by anyone, oldest first.
    public func groupChanges(in chat: ChatID) async throws -> [GroupChange] {
        try await timeline(of: chat, with: nil).entries.compactMap { entry -> GroupChange? in
            switch entry {
            case .added(let handle, let by): .added(handle, by: by)
            case .removed(let handle, let by): .removed(handle, by: by)
            case .left: .left
            case .renamed(let name, let by): .renamed(name, by: by)
            case .iconChanged(let url, let by): .iconChanged(url, by: by)
            default: nil
            }
        }
    }

    private func sentFiles(in chat: ChatID?, with handle: String?, voiceMemos: Bool) async throws -> [SentMedia] {
        try await timeline(of: chat, with: handle).messages.filter { $0.outbound && ($0.kind == "voice_memo") == voiceMemos }.flatMap { message in
            message.parts.compactMap { part in
                guard case .media(let url, let filename, let mimeType) = part else { return nil }
                return SentMedia(url: url, filename: filename, mimeType: mimeType)
            }
        }
    }
}
