/// The body of `PUT /v3/chats/{chatId}`: rename a group or set its icon (groups only).
///
/// The change happens asynchronously; watch for `chat.group_name_updated` / `chat.group_icon_updated`.
public struct UpdateChatRequest: Codable, Hashable, Sendable {
    /// The new group name.
    public var displayName: String?
    /// The URL of the new group icon image.
    public var groupChatIcon: String?

    /// Creates the body.
    public init(displayName: String? = nil, groupChatIcon: String? = nil) {
        self.displayName = displayName
        self.groupChatIcon = groupChatIcon
    }

    enum CodingKeys: String, CodingKey {
        case displayName = "display_name"
        case groupChatIcon = "group_chat_icon"
    }
}
