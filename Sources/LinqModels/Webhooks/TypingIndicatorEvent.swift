/// A `chat.typing_indicator.started` or `chat.typing_indicator.stopped` event.
public struct TypingIndicatorEvent: Hashable, Sendable {
    /// `true` for `started`, `false` for `stopped`.
    public var isTyping: Bool
    /// The chat.
    public var chatID: ChatID
    /// The person who started or stopped typing.
    public var actorHandle: ChatHandle?

    /// Creates a typing event.
    public init(isTyping: Bool, chatID: ChatID, actorHandle: ChatHandle? = nil) {
        self.isTyping = isTyping
        self.chatID = chatID
        self.actorHandle = actorHandle
    }

    /// The webhook event type for this event.
    public var eventType: WebhookEventType { isTyping ? .chatTypingIndicatorStarted : .chatTypingIndicatorStopped }

    enum CodingKeys: String, CodingKey {
        case chatID = "chat_id"
        case actorHandle = "actor_handle"
    }

    init(data decoder: any Decoder, isTyping: Bool) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            isTyping: isTyping,
            chatID: try container.decodeID(forKey: .chatID),
            actorHandle: try container.decodeHandleIfPresent(forKey: .actorHandle)
        )
    }

    func encodeData(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chatID, forKey: .chatID)
        try container.encodeNullable(actorHandle.wire, forKey: .actorHandle)
    }
}
