/// The answer to `POST /v3/chats`: `{"chat": {…, "message": {…}}}`.
public struct CreateChatResponse: Codable, Hashable, Sendable {
    /// The chat and its first message.
    public var chat: CreatedChat

    /// Creates a response.
    public init(chat: CreatedChat) {
        self.chat = chat
    }

    enum CodingKeys: String, CodingKey { case chat }
}
