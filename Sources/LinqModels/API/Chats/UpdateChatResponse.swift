/// The answer to `PUT /v3/chats/{chatId}`.
public struct UpdateChatResponse: Codable, Hashable, Sendable {
    /// The chat updated.
    public var chatID: ChatID?
    /// A short status word.
    public var status: String?

    /// Creates a response.
    public init(chatID: ChatID? = nil, status: String? = nil) {
        self.chatID = chatID
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case status
        case chatID = "chat_id"
    }
}
