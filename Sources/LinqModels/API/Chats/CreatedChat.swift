/// The `chat` object of a create-chat response: the chat plus the message just sent.
public struct CreatedChat: Codable, Hashable, Sendable {
    /// The chat's id.
    public var id: ChatID
    /// The name; defaults to the recipients' handles joined with commas.
    public var displayName: String?
    /// Every participant, our line included.
    public var handles: [ChatHandle]
    /// The chat's health (beta).
    public var healthStatus: HealthStatus
    /// Whether the chat is a group.
    public var isGroup: Bool
    /// The chat's service.
    public var service: Service
    /// The first message, as sent.
    public var message: SentMessage

    /// Creates a record.
    public init(
        id: ChatID, displayName: String? = nil, handles: [ChatHandle], healthStatus: HealthStatus, isGroup: Bool,
        service: Service, message: SentMessage
    ) {
        self.id = id
        self.displayName = displayName
        self.handles = handles
        self.healthStatus = healthStatus
        self.isGroup = isGroup
        self.service = service
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case id, handles, service, message
        case displayName = "display_name"
        case healthStatus = "health_status"
        case isGroup = "is_group"
    }
}
