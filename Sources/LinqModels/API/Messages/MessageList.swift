/// A page of messages from `GET /v3/chats/{chatId}/messages` or `GET /v3/messages/{id}/thread`.
public struct MessageList: Codable, Hashable, Sendable, LinqCursorPage {
    /// The messages on this page.
    public var messages: [Message]
    /// Pass back as `cursor` for the next page; `nil` or empty when done.
    public var nextCursor: String?

    /// Creates a page.
    public init(messages: [Message], nextCursor: String? = nil) {
        self.messages = messages
        self.nextCursor = nextCursor
    }

    /// The messages on this page.
    public var items: [Message] { messages }

    enum CodingKeys: String, CodingKey {
        case messages
        case nextCursor = "next_cursor"
    }
}
