package import Foundation

/// Decodes the body almost every webhook carries, a message event in the 2026-02-03 layout
/// with text parts, straight from its bytes, without `JSONDecoder`.
///
/// It gives exactly the ``WebhookEvent`` that the `JSONDecoder` path gives, or `nil`: for
/// another event type or payload version, for a part other than plain text, an effect or a
/// reply, for a duplicate member, and for anything ``JSONByteReader`` does not take. Then
/// ``WebhookEvent/decode(from:)`` decodes the body with `JSONDecoder`, which also words
/// every error. Tests and the webhook fuzzer hold both paths to the same result.
package enum QuickMessageDecoding {
    typealias Unread = JSONByteReader.Unread

    /// The event, or `nil` when the body is not one this path reads.
    package static func event(from body: Data) -> WebhookEvent? {
        body.withUnsafeBytes { bytes in try? event(bytes, body: body) }
    }

    private static func event(_ bytes: UnsafeRawBufferPointer, body: Data) throws -> WebhookEvent {
        var reader = JSONByteReader(bytes)
        var seen = Members()
        var apiVersion: String?, version: String?, type: String?, eventID: String?, createdAt: Date?
        var traceID: String?, partnerID: String?
        var dataOffset: Int?
        try reader.object { reader, key in
            if JSONByteReader.key(key, is: "api_version") {
                try seen.mark(0)
                apiVersion = try reader.string()
            } else if JSONByteReader.key(key, is: "webhook_version") {
                try seen.mark(1)
                version = try reader.string()
            } else if JSONByteReader.key(key, is: "event_type") {
                try seen.mark(2)
                type = try reader.string()
            } else if JSONByteReader.key(key, is: "event_id") {
                try seen.mark(3)
                eventID = try reader.string()
            } else if JSONByteReader.key(key, is: "created_at") {
                try seen.mark(4)
                createdAt = try timestamp(reader.string())
            } else if JSONByteReader.key(key, is: "trace_id") {
                try seen.mark(5)
                traceID = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "partner_id") {
                try seen.mark(6)
                partnerID = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "data") {
                try seen.mark(7)
                dataOffset = reader.offset
                try reader.skip()
            } else {
                try reader.skip()
            }
        }
        try reader.end()
        guard let apiVersion, let version, let type, let eventID, let createdAt, let dataOffset,
            version == WebhookVersion.v2026_02_03.rawValue, let kind = MessageEvent.Kind(eventType: WebhookEventType(rawValue: type))
        else { throw Unread() }
        var data = JSONByteReader(bytes, at: dataOffset)
        let message = try self.message(&data, kind: kind)
        var event = WebhookEvent(
            apiVersion: apiVersion, webhookVersion: .v2026_02_03, eventType: kind.eventType, eventID: WebhookEventID(eventID),
            createdAt: createdAt, traceID: traceID, partnerID: partnerID, payload: .message(message)
        )
        event.rawBody = body
        return event
    }

    /// The `data` of a 2026-02-03 message event.
    private static func message(_ reader: inout JSONByteReader, kind: MessageEvent.Kind) throws -> MessageEvent {
        var seen = Members()
        var id: String?, chat: Chat?, direction: String?, sender: ChatHandle?, service: String?, preferredService: String?
        var idempotencyKey: String?, parts: [MessagePart] = [], sentAt: Date?, deliveredAt: Date?, readAt: Date?
        var reconciledAt: Date?, zeroRetention: Bool?
        try reader.object { reader, key in
            if JSONByteReader.key(key, is: "id") {
                try seen.mark(0)
                id = try reader.string()
            } else if JSONByteReader.key(key, is: "chat") {
                try seen.mark(1)
                chat = try self.chat(&reader)
            } else if JSONByteReader.key(key, is: "direction") {
                try seen.mark(2)
                direction = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "sender_handle") {
                try seen.mark(3)
                sender = try reader.null() ? nil : try handle(&reader)
            } else if JSONByteReader.key(key, is: "service") {
                try seen.mark(4)
                service = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "preferred_service") {
                try seen.mark(5)
                preferredService = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "idempotency_key") {
                try seen.mark(6)
                idempotencyKey = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "parts") {
                try seen.mark(7)
                parts = try reader.null() ? [] : try textParts(&reader)
            } else if JSONByteReader.key(key, is: "effect") || JSONByteReader.key(key, is: "reply_to") {
                // Effects and replies take the full decoder.
                guard try reader.null() else { throw Unread() }
            } else if JSONByteReader.key(key, is: "sent_at") {
                try seen.mark(8)
                sentAt = try optionalTimestamp(&reader)
            } else if JSONByteReader.key(key, is: "delivered_at") {
                try seen.mark(9)
                deliveredAt = try optionalTimestamp(&reader)
            } else if JSONByteReader.key(key, is: "read_at") {
                try seen.mark(10)
                readAt = try optionalTimestamp(&reader)
            } else if JSONByteReader.key(key, is: "reconciled_at") {
                try seen.mark(11)
                reconciledAt = try optionalTimestamp(&reader)
            } else if JSONByteReader.key(key, is: "zero_retention") {
                try seen.mark(12)
                zeroRetention = try reader.optionalBool()
            } else {
                try reader.skip()
            }
        }
        guard let id, let chat else { throw Unread() }
        let resolved: MessageDirection
        if let direction {
            resolved = MessageDirection(rawValue: direction)
        } else if let isMe = sender?.isMe {
            resolved = isMe ? .outbound : .inbound
        } else {
            throw Unread()
        }
        return MessageEvent(
            kind: kind, messageID: MessageID(id), chatID: chat.id, isGroup: chat.isGroup, direction: resolved, sender: sender,
            line: chat.owner, parts: parts, service: service.map(Service.init(rawValue:)),
            preferredService: preferredService.map(Service.init(rawValue:)), idempotencyKey: idempotencyKey, sentAt: sentAt,
            deliveredAt: deliveredAt, readAt: readAt, reconciledAt: reconciledAt, zeroRetention: zeroRetention,
            chatHealth: chat.health
        )
    }

    /// What a message event's `chat` member holds.
    private struct Chat {
        var id: ChatID
        var isGroup: Bool?
        var owner: ChatHandle?
        var health: HealthStatus?
    }

    private static func chat(_ reader: inout JSONByteReader) throws -> Chat {
        var seen = Members()
        var id: String?, isGroup: Bool?, owner: ChatHandle?, health: HealthStatus?
        try reader.object { reader, key in
            if JSONByteReader.key(key, is: "id") {
                try seen.mark(0)
                id = try reader.string()
            } else if JSONByteReader.key(key, is: "is_group") {
                try seen.mark(1)
                isGroup = try reader.optionalBool()
            } else if JSONByteReader.key(key, is: "owner_handle") {
                try seen.mark(2)
                owner = try reader.null() ? nil : try handle(&reader)
            } else if JSONByteReader.key(key, is: "health_status") {
                try seen.mark(3)
                health = try reader.null() ? nil : try self.health(&reader)
            } else {
                try reader.skip()
            }
        }
        guard let id else { throw Unread() }
        return Chat(id: ChatID(id), isGroup: isGroup, owner: owner, health: health)
    }

    static func handle(_ reader: inout JSONByteReader) throws -> ChatHandle {
        var seen = Members()
        var id: String?, handle: String?, joinedAt: Date?, service: String?, isMe: Bool?, leftAt: Date?
        var status: String?, lineType: String?
        try reader.object { reader, key in
            if JSONByteReader.key(key, is: "id") {
                try seen.mark(0)
                id = try reader.string()
            } else if JSONByteReader.key(key, is: "handle") {
                try seen.mark(1)
                handle = try reader.string()
            } else if JSONByteReader.key(key, is: "joined_at") {
                try seen.mark(2)
                joinedAt = try timestamp(reader.string())
            } else if JSONByteReader.key(key, is: "service") {
                try seen.mark(3)
                service = try reader.string()
            } else if JSONByteReader.key(key, is: "is_me") {
                try seen.mark(4)
                isMe = try reader.optionalBool()
            } else if JSONByteReader.key(key, is: "left_at") {
                try seen.mark(5)
                leftAt = try optionalTimestamp(&reader)
            } else if JSONByteReader.key(key, is: "status") {
                try seen.mark(6)
                status = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "line_type") {
                try seen.mark(7)
                lineType = try reader.optionalString()
            } else {
                try reader.skip()
            }
        }
        guard let id, let handle, let joinedAt, let service else { throw Unread() }
        return ChatHandle(
            id: ChatHandleID(id), handle: handle, joinedAt: joinedAt, service: Service(rawValue: service), isMe: isMe,
            leftAt: leftAt, status: status.map(ParticipantStatus.init(rawValue:)), lineType: lineType.map(LineType.init(rawValue:))
        )
    }

    private static func health(_ reader: inout JSONByteReader) throws -> HealthStatus {
        var seen = Members()
        var status: String?, docURL: String?, updatedAt: Date?
        try reader.object { reader, key in
            if JSONByteReader.key(key, is: "status") {
                try seen.mark(0)
                status = try reader.string()
            } else if JSONByteReader.key(key, is: "doc_url") {
                try seen.mark(1)
                docURL = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "updated_at") {
                try seen.mark(2)
                updatedAt = try timestamp(reader.string())
            } else {
                try reader.skip()
            }
        }
        guard let status, let updatedAt else { throw Unread() }
        return HealthStatus(status: ChatHealth(rawValue: status), docURL: docURL ?? "", updatedAt: updatedAt)
    }

    /// Parts that are all plain text: `type` "text", a string `value`, none of the members
    /// that make a text part more (mentions, decorations, reactions and the like) but as null.
    static func textParts(_ reader: inout JSONByteReader) throws -> [MessagePart] {
        var parts: [MessagePart] = []
        try reader.array { reader in
            var seen = Members()
            var isText = false
            var value: String?
            try reader.object { reader, key in
                if JSONByteReader.key(key, is: "type") {
                    try seen.mark(0)
                    isText = try reader.string() == "text"
                } else if JSONByteReader.key(key, is: "value") {
                    try seen.mark(1)
                    value = try reader.string()
                } else if PlainTextKeys.extras.contains(where: { $0.stringValue.utf8.elementsEqual(key) }) {
                    // Absent or null, as the decoder reads them (`decodeIfPresent`); anything else is its to read.
                    guard try reader.null() else { throw Unread() }
                } else {
                    try reader.skip()
                }
            }
            guard isText, let value else { throw Unread() }
            parts.append(.text(TextPart(value: value)))
        }
        return parts
    }

    static func timestamp(_ text: String) throws -> Date {
        guard let date = LinqTimestamp.parse(text) else { throw Unread() }
        return date
    }

    static func optionalTimestamp(_ reader: inout JSONByteReader) throws -> Date? {
        try reader.null() ? nil : try timestamp(reader.string())
    }

    /// The known members an object had so far: a second one of a kind is not read here.
    struct Members {
        private var bits: UInt32 = 0

        mutating func mark(_ member: Int) throws {
            let bit: UInt32 = 1 << member
            guard bits & bit == 0 else { throw Unread() }
            bits |= bit
        }
    }
}
