public import Foundation

/// A chat, as `GET /v3/chats/{chatId}` and `GET /v3/chats` return it.
public struct Chat: Codable, Hashable, Sendable {
    /// The chat's id.
    public var id: ChatID
    /// When the chat was created.
    public var createdAt: Date
    /// When the chat last changed.
    public var updatedAt: Date
    /// The name; defaults to the recipients' handles joined with commas.
    public var displayName: String?
    /// Every participant, our line included (always at least two).
    public var handles: [ChatHandle]
    /// The chat's health (beta).
    public var healthStatus: HealthStatus
    /// Whether the chat is a group.
    public var isGroup: Bool
    /// Deprecated by Linq; optional here because it is due to be removed.
    public var isArchived: Bool?
    /// The group icon's URL, when one is set.
    public var groupChatIcon: String?
    /// The chat's service.
    public var service: Service?

    /// Creates a chat record.
    public init(
        id: ChatID, createdAt: Date, updatedAt: Date, displayName: String? = nil, handles: [ChatHandle],
        healthStatus: HealthStatus, isGroup: Bool, isArchived: Bool? = nil, groupChatIcon: String? = nil,
        service: Service? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.displayName = displayName
        self.handles = handles
        self.healthStatus = healthStatus
        self.isGroup = isGroup
        self.isArchived = isArchived
        self.groupChatIcon = groupChatIcon
        self.service = service
    }

    enum CodingKeys: String, CodingKey {
        case id, handles, service
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case displayName = "display_name"
        case healthStatus = "health_status"
        case isGroup = "is_group"
        case isArchived = "is_archived"
        case groupChatIcon = "group_chat_icon"
    }
}
