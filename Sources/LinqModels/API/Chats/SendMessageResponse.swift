/// The answer to `POST /v3/chats/{chatId}/messages` and to an app-card update.
public struct SendMessageResponse: Codable, Hashable, Sendable {
    /// The chat the message went into.
    public var chatID: ChatID
    /// The message, as sent.
    public var message: SentMessage

    /// Creates a response.
    public init(chatID: ChatID, message: SentMessage) {
        self.chatID = chatID
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case message
        case chatID = "chat_id"
    }
}

/// The answer to `POST /v3/messages/{messageId}/update` (same shape as a send).
public typealias UpdateAppCardResponse = SendMessageResponse
