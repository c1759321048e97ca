/// The answer to `POST /v3/chats/{chatId}/location/request` and `DELETE /v3/chats/{chatId}/location`.
public struct LocationStatusResponse: Codable, Hashable, Sendable {
    /// `true` on success.
    public var success: Bool
    /// A note such as `Location request sent`.
    public var message: String

    /// Creates a response.
    public init(success: Bool = true, message: String) {
        self.success = success
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case success, message }
}
