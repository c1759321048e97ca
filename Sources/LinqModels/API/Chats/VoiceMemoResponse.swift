public import Foundation

/// The answer to `POST /v3/chats/{chatId}/voicememo`.
public struct VoiceMemoResponse: Codable, Hashable, Sendable {
    /// The voice memo sent.
    public var voiceMemo: VoiceMemo

    /// Creates a response.
    public init(voiceMemo: VoiceMemo) {
        self.voiceMemo = voiceMemo
    }

    enum CodingKeys: String, CodingKey {
        case voiceMemo = "voice_memo"
    }

    /// A voice memo message.
    public struct VoiceMemo: Codable, Hashable, Sendable {
        /// The message's id.
        public var id: MessageID
        /// The chat it went into.
        public var chat: VoiceMemoChat
        /// When it was created.
        public var createdAt: Date
        /// The E.164 line that sent it.
        public var from: String
        /// Its status.
        public var status: String
        /// The recipients.
        public var to: [String]
        /// The audio file.
        public var voiceMemo: AudioFile
        /// The service carrying it.
        public var service: Service?

        /// Creates a record.
        public init(
            id: MessageID, chat: VoiceMemoChat, createdAt: Date, from: String, status: String, to: [String],
            voiceMemo: AudioFile, service: Service? = nil
        ) {
            self.id = id
            self.chat = chat
            self.createdAt = createdAt
            self.from = from
            self.status = status
            self.to = to
            self.voiceMemo = voiceMemo
            self.service = service
        }

        enum CodingKeys: String, CodingKey {
            case id, chat, from, status, to, service
            case createdAt = "created_at"
            case voiceMemo = "voice_memo"
        }
    }

    /// The chat a voice memo went into.
    public struct VoiceMemoChat: Codable, Hashable, Sendable {
        /// The chat's id.
        public var id: ChatID
        /// The participants.
        public var handles: [ChatHandle]
        /// Whether the chat is active.
        public var isActive: Bool
        /// Whether the chat is a group.
        public var isGroup: Bool
        /// The chat's service.
        public var service: Service

        /// Creates a record.
        public init(id: ChatID, handles: [ChatHandle], isActive: Bool, isGroup: Bool, service: Service) {
            self.id = id
            self.handles = handles
            self.isActive = isActive
            self.isGroup = isGroup
            self.service = service
        }

        enum CodingKeys: String, CodingKey {
            case id, handles, service
            case isActive = "is_active"
            case isGroup = "is_group"
        }
    }

    /// The audio file of a voice memo.
    public struct AudioFile: Codable, Hashable, Sendable {
        /// The attachment's id.
        public var id: AttachmentID
        /// The file name.
        public var filename: String
        /// The MIME type.
        public var mimeType: String
        /// The size in bytes.
        public var sizeBytes: Int
        /// Where the file can be downloaded.
        public var url: String
        /// The duration in milliseconds.
        public var durationMs: Int?

        /// Creates a record.
        public init(id: AttachmentID, filename: String, mimeType: String, sizeBytes: Int, url: String, durationMs: Int? = nil) {
            self.id = id
            self.filename = filename
            self.mimeType = mimeType
            self.sizeBytes = sizeBytes
            self.url = url
            self.durationMs = durationMs
        }

        enum CodingKeys: String, CodingKey {
            case id, filename, url
            case mimeType = "mime_type"
            case sizeBytes = "size_bytes"
            case durationMs = "duration_ms"
        }
    }
}
