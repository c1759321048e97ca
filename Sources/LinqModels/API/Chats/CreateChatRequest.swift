/// The body of `POST /v3/chats`: open a chat (or reuse the matching one) and send its first message.
///
/// When the chat is new, its first message may not contain a link, a URL in text, a reply or an
/// effect; check with ``MessageContent/validate(forNewChat:)``.
///
/// ```swift
/// let request = CreateChatRequest(
///     from: "+15555550100", to: ["+15555550147"],
///     message: .text("Hi Bob, your appointment is confirmed."))
/// ```
public struct CreateChatRequest: Codable, Hashable, Sendable {
    /// The E.164 number of one of our lines.
    public var from: String
    /// 1–31 recipient handles: one for a DM, several for a group.
    public var to: [String]
    /// The first message.
    public var message: MessageContent
    /// Send even though the recipient opted out (for a final courtesy message).
    public var overrideOptOut: Bool?

    /// Creates the body.
    public init(from: String, to: [String], message: MessageContent, overrideOptOut: Bool? = nil) {
        self.from = from
        self.to = to
        self.message = message
        self.overrideOptOut = overrideOptOut
    }

    enum CodingKeys: String, CodingKey {
        case from, to, message
        case overrideOptOut = "override_optout"
    }
}
