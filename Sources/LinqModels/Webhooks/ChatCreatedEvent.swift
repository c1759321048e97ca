public import Foundation

/// A `chat.created` event: the chat as `GET /v3/chats/{id}` returns it, minus `is_archived` and `group_chat_icon`.
public struct ChatCreatedEvent: Hashable, Sendable {
    /// The chat.
    public var chatID: ChatID
    /// When the chat was created.
    public var createdAt: Date
    /// When the chat last changed.
    public var updatedAt: Date
    /// The display name (defaults to the recipients' handles).
    public var displayName: String?
    /// Every participant, our line included.
    public var handles: [ChatHandle]
    /// The chat's health.
    public var healthStatus: HealthStatus?
    /// Whether the chat is a group.
    public var isGroup: Bool
    /// The chat's service.
    public var service: Service?

    /// Creates a chat-created event.
    public init(
        chatID: ChatID, createdAt: Date, updatedAt: Date, displayName: String? = nil, handles: [ChatHandle],
        healthStatus: HealthStatus? = nil, isGroup: Bool, service: Service? = nil
    ) {
        self.chatID = chatID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.displayName = displayName
        self.handles = handles
        self.healthStatus = healthStatus
        self.isGroup = isGroup
        self.service = service
    }

    /// Our line in the chat (the handle with `is_me` true).
    public var line: ChatHandle? { handles.first { $0.isMe == true } }

    /// Everyone in the chat except our line.
    public var otherHandles: [ChatHandle] { handles.filter { $0.isMe != true } }

    enum CodingKeys: String, CodingKey {
        case id, handles, service
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case displayName = "display_name"
        case healthStatus = "health_status"
        case isGroup = "is_group"
    }

    init(data decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let createdAt = try container.decodeTimestamp(forKey: .createdAt)
        let handles = try container.decodeIfPresent([ChatHandle].self, forKey: .handles) ?? []
        self.init(
            chatID: try container.decodeID(forKey: .id),
            createdAt: createdAt,
            updatedAt: try container.decodeTimestampIfPresent(forKey: .updatedAt) ?? createdAt,
            displayName: try container.decodeIfPresent(String.self, forKey: .displayName),
            handles: handles,
            healthStatus: try container.decodeHealthIfPresent(forKey: .healthStatus),
            isGroup: try container.decodeIfPresent(Bool.self, forKey: .isGroup) ?? (handles.count > 2),
            service: try container.decodeValueIfPresent(forKey: .service)
        )
    }

    func encodeData(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chatID, forKey: .id)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encodeNullable(displayName, forKey: .displayName)
        try container.encode(isGroup, forKey: .isGroup)
        try container.encodeNullable(service, forKey: .service)
        try container.encode(handles.map(WireChatHandle.init), forKey: .handles)
        try container.encodeIfPresent(healthStatus, forKey: .healthStatus)
    }
}
