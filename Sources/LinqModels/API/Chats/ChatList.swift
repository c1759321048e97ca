/// A page of chats from `GET /v3/chats`.
public struct ChatList: Codable, Hashable, Sendable, LinqCursorPage {
    /// The chats on this page.
    public var chats: [Chat]
    /// Pass back as `cursor` for the next page; `nil` or empty when done.
    public var nextCursor: String?

    /// Creates a page.
    public init(chats: [Chat], nextCursor: String? = nil) {
        self.chats = chats
        self.nextCursor = nextCursor
    }

    /// The chats on this page.
    public var items: [Chat] { chats }

    enum CodingKeys: String, CodingKey {
        case chats
        case nextCursor = "next_cursor"
    }
}
