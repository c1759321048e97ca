import Foundation

// Reading and writing `MessageEvent` in both webhook payload versions.

extension MessageEvent {
    enum V2026Keys: String, CodingKey {
        case id, chat, direction, parts, service, effect
        case senderHandle = "sender_handle"
        case deliveredAt = "delivered_at"
        case idempotencyKey = "idempotency_key"
        case preferredService = "preferred_service"
        case readAt = "read_at"
        case reconciledAt = "reconciled_at"
        case replyTo = "reply_to"
        case sentAt = "sent_at"
        case zeroRetention = "zero_retention"
    }

    enum ChatKeys: String, CodingKey {
        case id
        case healthStatus = "health_status"
        case isGroup = "is_group"
        case ownerHandle = "owner_handle"
    }

    enum V2025Keys: String, CodingKey {
        case chatID = "chat_id"
        case isGroup = "is_group"
        case idempotencyKey = "idempotency_key"
        case from
        case fromHandle = "from_handle"
        case recipientPhone = "recipient_phone"
        case recipientHandle = "recipient_handle"
        case isFromMe = "is_from_me"
        case receivedAt = "received_at"
        case service
        case preferredService = "preferred_service"
        case message
        case messageID = "message_id"
        case deliveredAt = "delivered_at"
        case readAt = "read_at"
    }

    enum V2025MessageKeys: String, CodingKey {
        case id, parts, effect
        case replyTo = "reply_to"
        case isDelivered = "is_delivered"
        case isRead = "is_read"
        case sentAt = "sent_at"
        case deliveredAt = "delivered_at"
        case readAt = "read_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case reconciledAt = "reconciled_at"
        case zeroRetention = "zero_retention"
    }

    /// Reads the flat 2026-02-03 layout.
    init(v2026 decoder: any Decoder, kind: Kind) throws {
        let container = try decoder.container(keyedBy: V2026Keys.self)
        let chat = try container.nestedContainer(keyedBy: ChatKeys.self, forKey: .chat)
        let sender = try container.decodeHandleIfPresent(forKey: .senderHandle)
        let direction: MessageDirection
        if let wire: MessageDirection = try container.decodeValueIfPresent(forKey: .direction) {
            direction = wire
        } else if let isMe = sender?.isMe {
            direction = isMe ? .outbound : .inbound
        } else {
            throw DecodingError.keyNotFound(
                V2026Keys.direction,
                .init(codingPath: container.codingPath, debugDescription: "No direction and no sender_handle.is_me")
            )
        }
        self.init(
            kind: kind,
            messageID: try container.decodeID(forKey: .id),
            chatID: try chat.decodeID(forKey: .id),
            isGroup: try chat.decodeIfPresent(Bool.self, forKey: .isGroup),
            direction: direction,
            sender: sender,
            line: try chat.decodeHandleIfPresent(forKey: .ownerHandle),
            parts: try container.decodePartsIfPresent(forKey: .parts),
            service: try container.decodeValueIfPresent(forKey: .service),
            preferredService: try container.decodeValueIfPresent(forKey: .preferredService),
            effect: try container.decodeObjectIfPresent(MessageEffect.self, forKey: .effect),
            replyTo: try container.decodeReplyTo(forKey: .replyTo),
            idempotencyKey: try container.decodeIfPresent(String.self, forKey: .idempotencyKey),
            sentAt: try container.decodeTimestampIfPresent(forKey: .sentAt),
            deliveredAt: try container.decodeTimestampIfPresent(forKey: .deliveredAt),
            readAt: try container.decodeTimestampIfPresent(forKey: .readAt),
            reconciledAt: try container.decodeTimestampIfPresent(forKey: .reconciledAt),
            zeroRetention: try container.decodeIfPresent(Bool.self, forKey: .zeroRetention),
            chatHealth: try chat.decodeHealthIfPresent(forKey: .healthStatus)
        )
    }

    /// Reads the nested 2025-01-01 layout.
    init(v2025 decoder: any Decoder, kind: Kind) throws {
        let container = try decoder.container(keyedBy: V2025Keys.self)
        let fromHandle = try container.decodeHandleIfPresent(forKey: .fromHandle)
        let isFromMe: Bool
        if let wire = try container.decodeIfPresent(Bool.self, forKey: .isFromMe) {
            isFromMe = wire
        } else if let isMe = fromHandle?.isMe {
            isFromMe = isMe
        } else {
            throw DecodingError.keyNotFound(
                V2025Keys.isFromMe,
                .init(codingPath: container.codingPath, debugDescription: "No is_from_me and no from_handle.is_me")
            )
        }
        let recipient = try container.decodeHandleIfPresent(forKey: .recipientHandle)
        var message: KeyedDecodingContainer<V2025MessageKeys>?
        if container.contains(.message), try !container.decodeNil(forKey: .message) {
            message = try container.nestedContainer(keyedBy: V2025MessageKeys.self, forKey: .message)
        }
        guard let messageID: MessageID = try message?.decodeIDIfPresent(forKey: .id)
            ?? container.decodeIDIfPresent(forKey: .messageID)
        else {
            throw DecodingError.keyNotFound(
                V2025MessageKeys.id,
                .init(codingPath: container.codingPath, debugDescription: "No message.id and no message_id")
            )
        }
        self.init(
            kind: kind,
            messageID: messageID,
            chatID: try container.decodeID(forKey: .chatID),
            isGroup: try container.decodeIfPresent(Bool.self, forKey: .isGroup),
            direction: isFromMe ? .outbound : .inbound,
            sender: fromHandle,
            line: recipient ?? (isFromMe ? fromHandle : nil),
            parts: try message?.decodePartsIfPresent(forKey: .parts) ?? [],
            service: try container.decodeValueIfPresent(forKey: .service),
            preferredService: try container.decodeValueIfPresent(forKey: .preferredService),
            effect: try message?.decodeObjectIfPresent(MessageEffect.self, forKey: .effect),
            replyTo: try message?.decodeReplyTo(forKey: .replyTo),
            idempotencyKey: try container.decodeIfPresent(String.self, forKey: .idempotencyKey),
            sentAt: try message?.decodeTimestampIfPresent(forKey: .sentAt),
            deliveredAt: try message?.decodeTimestampIfPresent(forKey: .deliveredAt)
                ?? container.decodeTimestampIfPresent(forKey: .deliveredAt),
            readAt: try message?.decodeTimestampIfPresent(forKey: .readAt)
                ?? container.decodeTimestampIfPresent(forKey: .readAt),
            reconciledAt: try message?.decodeTimestampIfPresent(forKey: .reconciledAt),
            zeroRetention: try message?.decodeIfPresent(Bool.self, forKey: .zeroRetention),
            chatHealth: nil
        )
    }

    /// Writes the flat 2026-02-03 layout.
    func encodeV2026(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: V2026Keys.self)
        try container.encode(messageID, forKey: .id)
        var chat = container.nestedContainer(keyedBy: ChatKeys.self, forKey: .chat)
        try chat.encode(chatID, forKey: .id)
        try chat.encodeIfPresent(isGroup, forKey: .isGroup)
        try chat.encodeIfPresent(line.wire, forKey: .ownerHandle)
        try chat.encodeIfPresent(chatHealth, forKey: .healthStatus)
        try container.encode(direction, forKey: .direction)
        try container.encodeIfPresent(sender.wire, forKey: .senderHandle)
        try container.encodeIfPresent(service, forKey: .service)
        try container.encodeNullable(preferredService, forKey: .preferredService)
        try container.encodeNullable(idempotencyKey, forKey: .idempotencyKey)
        try container.encode(parts, forKey: .parts)
        try container.encodeNullable(effect, forKey: .effect)
        try container.encodeNullable(replyTo, forKey: .replyTo)
        try container.encodeNullable(sentAt, forKey: .sentAt)
        try container.encodeNullable(deliveredAt, forKey: .deliveredAt)
        try container.encodeNullable(readAt, forKey: .readAt)
        try container.encodeIfPresent(reconciledAt, forKey: .reconciledAt)
        try container.encodeIfPresent(zeroRetention, forKey: .zeroRetention)
    }

    /// Writes the nested 2025-01-01 layout. `eventCreatedAt` stands in for the message's
    /// `created_at`/`updated_at` when the message has no `sent_at`. The chat's health has no place in it.
    func encodeV2025(to encoder: any Encoder, eventCreatedAt: Date) throws {
        var container = encoder.container(keyedBy: V2025Keys.self)
        let inboundLine = isInbound ? line : nil
        try container.encode(chatID, forKey: .chatID)
        try container.encodeNullable(isGroup, forKey: .isGroup)
        try container.encodeNullable(idempotencyKey, forKey: .idempotencyKey)
        try container.encodeNullable(sender?.handle, forKey: .from)
        try container.encodeNullable(sender.wire, forKey: .fromHandle)
        try container.encodeNullable(inboundLine?.handle, forKey: .recipientPhone)
        try container.encodeNullable(inboundLine.wire, forKey: .recipientHandle)
        try container.encode(isOutbound, forKey: .isFromMe)
        try container.encodeNullable(isInbound ? sentAt : nil, forKey: .receivedAt)
        try container.encodeNullable(service, forKey: .service)
        try container.encodeNullable(preferredService, forKey: .preferredService)
        switch kind {
        case .delivered:
            try container.encode(messageID, forKey: .messageID)
            try container.encodeNullable(deliveredAt, forKey: .deliveredAt)
        case .read:
            try container.encode(messageID, forKey: .messageID)
            try container.encodeNullable(readAt, forKey: .readAt)
        case .sent, .received:
            break
        }
        var message = container.nestedContainer(keyedBy: V2025MessageKeys.self, forKey: .message)
        try message.encode(messageID, forKey: .id)
        try message.encode(parts, forKey: .parts)
        try message.encodeNullable(effect, forKey: .effect)
        try message.encodeNullable(replyTo, forKey: .replyTo)
        try message.encode(deliveredAt != nil, forKey: .isDelivered)
        try message.encode(readAt != nil, forKey: .isRead)
        try message.encodeNullable(sentAt, forKey: .sentAt)
        try message.encodeNullable(deliveredAt, forKey: .deliveredAt)
        try message.encodeNullable(readAt, forKey: .readAt)
        let stamp = sentAt ?? eventCreatedAt
        try message.encode(stamp, forKey: .createdAt)
        try message.encode(readAt ?? deliveredAt ?? stamp, forKey: .updatedAt)
        try message.encodeIfPresent(reconciledAt, forKey: .reconciledAt)
        try message.encodeIfPresent(zeroRetention, forKey: .zeroRetention)
    }
}
