import Foundation
import LinqModels

/// How an event is keyed in the inbox: the queue it joins and its second dedup key.
enum InboxKeys {
    /// Events without a chat share these queues.
    static let quarantine = "quarantine"
    /// Event types the bot makes itself (timers, commands); webhooks may not use them.
    static let internalTypePrefix = "linqbot."

    /// The queue of work for a handle that may have no chat yet (a proactive first message).
    static func handleKey(line: String, handle: String) -> String { "\(handleQueuePrefix)\(line):\(handle)" }
    static let handleQueuePrefix = "to:"

    /// The per-chat queue an event joins, so each chat's events run one at a time in order.
    static func chatKey(for event: WebhookEvent) -> String {
        switch event.payload {
        case .message(let message): return message.chatID.rawValue
        case .messageEdited(let edited): return edited.chatID.rawValue
        case .messageFailed(let failed): return failed.chatID?.rawValue ?? "failed:\(failed.messageID?.rawValue ?? "unknown")"
        case .reaction(let reaction): return reaction.chatID?.rawValue ?? "reaction:\(reaction.fromHandle?.handle ?? "unknown")"
        case .typingIndicator(let typing): return typing.chatID.rawValue
        case .participant(let participant): return participant.chatID?.rawValue ?? "participant:\(participant.handle)"
        case .chatCreated(let created): return created.chatID.rawValue
        case .phoneNumberStatus(let status): return "line:\(status.phoneNumber)"
        case .contactCard(let card): return "handle:\(card.ownerHandle):\(card.senderHandle)"
        case .locationSharing(let sharing): return sharing.chatID?.rawValue ?? "handle:\(sharing.sharedWith):\(sharing.sharedBy)"
        case .unknown: return event.chatID?.rawValue ?? "unknown"
        }
    }

    /// `message.received:<id>`: the same message delivered under two event ids (two subscriptions) runs once.
    static func dedupKey(for event: WebhookEvent) -> String? {
        guard case .message(let message) = event.payload, message.kind == .received else { return nil }
        return "message.received:\(message.messageID)"
    }

    /// An event the bot makes itself (a fired timer, a command), in the webhook envelope so the
    /// dispatcher decodes it like any other, in `chatKey`'s queue.
    static func ownEvent(type: String, id: String, chatKey: String, data: JSONValue, at date: Date) -> NewInboxEvent {
        let envelope: JSONValue = [
            "api_version": "v3", "webhook_version": "linqbot", "event_type": .string(type), "event_id": .string(id),
            "created_at": .string(LinqTimestamp.format(date)), "data": data,
        ]
        let body = (try? JSONEncoder().encode(envelope)) ?? Data()
        return NewInboxEvent(eventID: id, chatKey: chatKey, eventType: type, body: body, receivedAt: date)
    }
}
