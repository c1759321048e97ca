public import Foundation

/// A `message.edited` event: a text part of a message was edited (delivered on 2026-02-03 only).
public struct MessageEditedEvent: Hashable, Sendable {
    /// The edited message.
    public var messageID: MessageID
    /// The chat the message belongs to.
    public var chatID: ChatID
    /// Whether the chat is a group.
    public var isGroup: Bool?
    /// Our line in this chat (`chat.owner_handle`).
    public var line: ChatHandle?
    /// The chat's health.
    public var chatHealth: HealthStatus?
    /// Inbound (someone else edited) or outbound (our line edited).
    public var direction: MessageDirection
    /// Who sent the message.
    public var sender: ChatHandle?
    /// When the edit happened.
    public var editedAt: Date
    /// The 0-based index of the edited part.
    public var partIndex: Int
    /// The new text; empty on outbound edits from zero-retention lines.
    public var text: String
    /// `true` when the line keeps no content.
    public var zeroRetention: Bool?

    /// Creates an edit event.
    public init(
        messageID: MessageID, chatID: ChatID, isGroup: Bool? = nil, line: ChatHandle? = nil,
        chatHealth: HealthStatus? = nil, direction: MessageDirection, sender: ChatHandle? = nil, editedAt: Date,
        partIndex: Int, text: String, zeroRetention: Bool? = nil
    ) {
        self.messageID = messageID
        self.chatID = chatID
        self.isGroup = isGroup
        self.line = line
        self.chatHealth = chatHealth
        self.direction = direction
        self.sender = sender
        self.editedAt = editedAt
        self.partIndex = partIndex
        self.text = text
        self.zeroRetention = zeroRetention
    }

    /// Our line's address, if known.
    public var lineHandle: String? { line?.handle }

    enum CodingKeys: String, CodingKey {
        case id, chat, direction, part
        case senderHandle = "sender_handle"
        case editedAt = "edited_at"
        case zeroRetention = "zero_retention"
    }

    enum PartKeys: String, CodingKey { case index, text }

    init(data decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let chat = try container.nestedContainer(keyedBy: MessageEvent.ChatKeys.self, forKey: .chat)
        let part = try container.nestedContainer(keyedBy: PartKeys.self, forKey: .part)
        self.init(
            messageID: try container.decodeID(forKey: .id),
            chatID: try chat.decodeID(forKey: .id),
            isGroup: try chat.decodeIfPresent(Bool.self, forKey: .isGroup),
            line: try chat.decodeHandleIfPresent(forKey: .ownerHandle),
            chatHealth: try chat.decodeHealthIfPresent(forKey: .healthStatus),
            direction: try container.decodeValue(forKey: .direction),
            sender: try container.decodeHandleIfPresent(forKey: .senderHandle),
            editedAt: try container.decodeTimestamp(forKey: .editedAt),
            partIndex: try part.decodeIfPresent(Int.self, forKey: .index) ?? 0,
            text: try part.decodeIfPresent(String.self, forKey: .text) ?? "",
            zeroRetention: try container.decodeIfPresent(Bool.self, forKey: .zeroRetention)
        )
    }

    func encodeData(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(messageID, forKey: .id)
        var chat = container.nestedContainer(keyedBy: MessageEvent.ChatKeys.self, forKey: .chat)
        try chat.encode(chatID, forKey: .id)
        try chat.encodeIfPresent(isGroup, forKey: .isGroup)
        try chat.encodeIfPresent(line.wire, forKey: .ownerHandle)
        try chat.encodeIfPresent(chatHealth, forKey: .healthStatus)
        try container.encode(direction, forKey: .direction)
        try container.encodeIfPresent(sender.wire, forKey: .senderHandle)
        var part = container.nestedContainer(keyedBy: PartKeys.self, forKey: .part)
        try part.encode(partIndex, forKey: .index)
        try part.encode(text, forKey: .text)
        try container.encode(editedAt, forKey: .editedAt)
        try container.encodeIfPresent(zeroRetention, forKey: .zeroRetention)
    }
}
