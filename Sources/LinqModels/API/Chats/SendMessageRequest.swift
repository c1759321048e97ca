/// The body of `POST /v3/chats/{chatId}/messages`: send into an existing chat.
///
/// ```swift
/// let request = SendMessageRequest(message: .text("On my way", idempotencyKey: "reply-42"))
/// // {"message": {"idempotency_key": "reply-42", "parts": [{"type": "text", "value": "On my way"}]}}
/// ```
public struct SendMessageRequest: Codable, Hashable, Sendable {
    /// What to send; links are allowed here.
    public var message: MessageContent
    /// Send even though the recipient opted out (for a final courtesy message).
    public var overrideOptOut: Bool?

    /// Creates the body.
    public init(message: MessageContent, overrideOptOut: Bool? = nil) {
        self.message = message
        self.overrideOptOut = overrideOptOut
    }

    enum CodingKeys: String, CodingKey {
        case message
        case overrideOptOut = "override_optout"
    }
}
