/// The body of `POST /v3/messages`: Linq picks the line and the chat ("auto-from").
///
/// Idempotency for this endpoint goes in the `Idempotency-Key` header, not in this body.
///
/// ```swift
/// let request = CreateMessageRequest(
///     to: ["+15555550199"], message: .text("Thanks for signing up!"),
///     continuationMessage: .init(text: "Hi again, this is our new number."))
/// ```
public struct CreateMessageRequest: Codable, Hashable, Sendable {
    /// The recipients, as an unordered set: one handle for a DM, more for a group.
    public var to: [String]
    /// What to send.
    public var message: MessageContent
    /// Sent instead of ``message`` when Linq fails over to a fresh line.
    public var continuationMessage: ContinuationMessage?
    /// E.164 lines Linq must not pick for a new chat.
    public var excludeFrom: [String]?
    /// Send even though the recipient opted out (for a final courtesy message).
    public var overrideOptOut: Bool?

    /// Creates the body.
    public init(
        to: [String], message: MessageContent, continuationMessage: ContinuationMessage? = nil,
        excludeFrom: [String]? = nil, overrideOptOut: Bool? = nil
    ) {
        self.to = to
        self.message = message
        self.continuationMessage = continuationMessage
        self.excludeFrom = excludeFrom
        self.overrideOptOut = overrideOptOut
    }

    enum CodingKeys: String, CodingKey {
        case to, message
        case continuationMessage = "continuation_message"
        case excludeFrom = "exclude_from"
        case overrideOptOut = "override_optout"
    }

    /// The text sent when a chat moves to a new line.
    public struct ContinuationMessage: Codable, Hashable, Sendable {
        /// The text.
        public var text: String

        /// Creates a continuation message.
        public init(text: String) {
            self.text = text
        }

        enum CodingKeys: String, CodingKey { case text }
    }
}
