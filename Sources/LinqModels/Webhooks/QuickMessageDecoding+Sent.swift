package import Foundation

extension QuickMessageDecoding {
    /// Linq's answer to a send into a chat, read straight from its bytes: exactly the
    /// ``SendMessageResponse`` that `JSONDecoder` gives (``LinqJSON``), or `nil` when the message
    /// has a part other than plain text, an effect, a duplicate member, or anything
    /// ``JSONByteReader`` does not take. Then the caller decodes with `JSONDecoder`, which also
    /// words every error.
    package static func sendResponse(from body: Data) -> SendMessageResponse? {
        body.withUnsafeBytes { bytes in try? sendResponse(bytes) }
    }

    private static func sendResponse(_ bytes: UnsafeRawBufferPointer) throws -> SendMessageResponse {
        var reader = JSONByteReader(bytes)
        var seen = Members()
        var chatID: String?, message: SentMessage?
        try reader.object { reader, key in
            if JSONByteReader.key(key, is: "chat_id") {
                try seen.mark(0)
                chatID = try reader.string()
            } else if JSONByteReader.key(key, is: "message") {
                try seen.mark(1)
                message = try sentMessage(&reader)
            } else {
                try reader.skip()
            }
        }
        try reader.end()
        guard let chatID, let message else { throw Unread() }
        return SendMessageResponse(chatID: ChatID(chatID), message: message)
    }

    private static func sentMessage(_ reader: inout JSONByteReader) throws -> SentMessage {
        var seen = Members()
        var id: String?, createdAt: Date?, deliveryStatus: String?, isRead: Bool?, parts: [MessagePart]?
        var sentAt: Date?, deliveredAt: Date?, fromHandle: ChatHandle?, preferredService: String?, service: String?, replyTo: ReplyTo?
        try reader.object { reader, key in
            if JSONByteReader.key(key, is: "id") {
                try seen.mark(0)
                id = try reader.string()
            } else if JSONByteReader.key(key, is: "created_at") {
                try seen.mark(1)
                createdAt = try timestamp(reader.string())
            } else if JSONByteReader.key(key, is: "delivery_status") {
                try seen.mark(2)
                deliveryStatus = try reader.string()
            } else if JSONByteReader.key(key, is: "is_read") {
                try seen.mark(3)
                isRead = try reader.optionalBool()
            } else if JSONByteReader.key(key, is: "parts") {
                try seen.mark(4)
                parts = try reader.null() ? nil : try textParts(&reader)
            } else if JSONByteReader.key(key, is: "sent_at") {
                try seen.mark(5)
                sentAt = try optionalTimestamp(&reader)
            } else if JSONByteReader.key(key, is: "delivered_at") {
                try seen.mark(6)
                deliveredAt = try optionalTimestamp(&reader)
            } else if JSONByteReader.key(key, is: "from_handle") {
                try seen.mark(7)
                fromHandle = try reader.null() ? nil : try handle(&reader)
            } else if JSONByteReader.key(key, is: "preferred_service") {
                try seen.mark(8)
                preferredService = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "service") {
                try seen.mark(9)
                service = try reader.optionalString()
            } else if JSONByteReader.key(key, is: "reply_to") {
                try seen.mark(10)
                replyTo = try reader.null() ? nil : try replyReference(&reader)
            } else if JSONByteReader.key(key, is: "effect") {
                // Effects take the full decoder.
                guard try reader.null() else { throw Unread() }
            } else {
                try reader.skip()
            }
        }
        // The members JSONDecoder requires: without one, it words the error.
        guard let id, let createdAt, let deliveryStatus, let isRead, let parts else { throw Unread() }
        return SentMessage(
            id: MessageID(id), createdAt: createdAt, deliveryStatus: DeliveryStatus(rawValue: deliveryStatus), isRead: isRead,
            parts: parts, sentAt: sentAt, deliveredAt: deliveredAt, fromHandle: fromHandle,
            preferredService: preferredService.map(Service.init(rawValue:)), replyTo: replyTo, service: service.map(Service.init(rawValue:))
        )
    }

    /// A `reply_to` object: the message replied to and, when given, the part.
    private static func replyReference(_ reader: inout JSONByteReader) throws -> ReplyTo {
        var seen = Members()
        var messageID: String?, partIndex: Int?
        try reader.object { reader, key in
            if JSONByteReader.key(key, is: "message_id") {
                try seen.mark(0)
                messageID = try reader.string()
            } else if JSONByteReader.key(key, is: "part_index") {
                try seen.mark(1)
                partIndex = try reader.optionalInteger()
            } else {
                try reader.skip()
            }
        }
        guard let messageID else { throw Unread() }
        return ReplyTo(messageID: MessageID(messageID), partIndex: partIndex)
    }
}
