public import Foundation

/// A `reaction.added` or `reaction.removed` event: a tapback, custom emoji or sticker on a message.
///
/// These fire for other people's reactions and as confirmation of our own (``isFromMe``).
public struct ReactionEvent: Hashable, Sendable {
    /// Whether the reaction was added or removed.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        /// `reaction.added`.
        case added
        /// `reaction.removed`.
        case removed
    }

    /// Whether the reaction was added or removed.
    public var action: Action
    /// `true` when our line reacted.
    public var isFromMe: Bool
    /// The reaction type.
    public var reactionType: ReactionType
    /// The chat.
    public var chatID: ChatID?
    /// The message reacted to.
    public var messageID: MessageID?
    /// The 0-based part reacted to.
    public var partIndex: Int?
    /// The reactor's address (deprecated by Linq; prefer ``fromHandle``).
    public var from: String?
    /// Who reacted.
    public var fromHandle: ChatHandle?
    /// The emoji of a `custom` reaction.
    public var customEmoji: String?
    /// The sticker of a `sticker` reaction.
    public var sticker: StickerInfo?
    /// The reaction's id.
    public var reactionID: ReactionID?
    /// When the reaction happened.
    public var reactedAt: Date?
    /// The service used.
    public var service: Service?

    /// Creates a reaction event.
    public init(
        action: Action, isFromMe: Bool, reactionType: ReactionType, chatID: ChatID? = nil,
        messageID: MessageID? = nil, partIndex: Int? = nil, from: String? = nil, fromHandle: ChatHandle? = nil,
        customEmoji: String? = nil, sticker: StickerInfo? = nil, reactionID: ReactionID? = nil,
        reactedAt: Date? = nil, service: Service? = nil
    ) {
        self.action = action
        self.isFromMe = isFromMe
        self.reactionType = reactionType
        self.chatID = chatID
        self.messageID = messageID
        self.partIndex = partIndex
        self.from = from
        self.fromHandle = fromHandle
        self.customEmoji = customEmoji
        self.sticker = sticker
        self.reactionID = reactionID
        self.reactedAt = reactedAt
        self.service = service
    }

    /// `true` for `reaction.added`.
    public var isAdded: Bool { action == .added }

    /// The webhook event type for this event.
    public var eventType: WebhookEventType { action == .added ? .reactionAdded : .reactionRemoved }

    enum CodingKeys: String, CodingKey {
        case from, sticker, service
        case isFromMe = "is_from_me"
        case reactionType = "reaction_type"
        case chatID = "chat_id"
        case messageID = "message_id"
        case partIndex = "part_index"
        case fromHandle = "from_handle"
        case customEmoji = "custom_emoji"
        case reactionID = "reaction_id"
        case reactedAt = "reacted_at"
    }

    init(data decoder: any Decoder, action: Action) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let fromHandle = try container.decodeHandleIfPresent(forKey: .fromHandle)
        guard let isFromMe = try container.decodeIfPresent(Bool.self, forKey: .isFromMe) ?? fromHandle?.isMe else {
            throw DecodingError.keyNotFound(
                CodingKeys.isFromMe, .init(codingPath: container.codingPath, debugDescription: "No is_from_me")
            )
        }
        self.init(
            action: action,
            isFromMe: isFromMe,
            reactionType: try container.decodeValue(forKey: .reactionType),
            chatID: try container.decodeIDIfPresent(forKey: .chatID),
            messageID: try container.decodeIDIfPresent(forKey: .messageID),
            partIndex: try container.decodeIfPresent(Int.self, forKey: .partIndex),
            from: try container.decodeIfPresent(String.self, forKey: .from),
            fromHandle: fromHandle,
            customEmoji: try container.decodeIfPresent(String.self, forKey: .customEmoji),
            sticker: try container.decodeIfPresent(StickerInfo.self, forKey: .sticker),
            reactionID: try container.decodeIDIfPresent(forKey: .reactionID),
            reactedAt: try container.decodeTimestampIfPresent(forKey: .reactedAt),
            service: try container.decodeValueIfPresent(forKey: .service)
        )
    }

    func encodeData(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(chatID, forKey: .chatID)
        try container.encodeNullable(messageID, forKey: .messageID)
        try container.encodeNullable(partIndex, forKey: .partIndex)
        try container.encode(isFromMe, forKey: .isFromMe)
        try container.encodeNullable(from ?? fromHandle?.handle, forKey: .from)
        try container.encodeNullable(fromHandle.wire, forKey: .fromHandle)
        try container.encode(reactionType, forKey: .reactionType)
        try container.encodeNullable(customEmoji, forKey: .customEmoji)
        try container.encodeNullable(sticker, forKey: .sticker)
        try container.encodeNullable(reactionID, forKey: .reactionID)
        try container.encodeNullable(reactedAt, forKey: .reactedAt)
        try container.encodeNullable(service, forKey: .service)
    }
}
