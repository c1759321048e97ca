public import Foundation
public import LinqModels

/// A durable timer of one chat: when it falls due, the scheduler turns it into a
/// `linqbot.timer` event in that chat's inbox queue, so it keeps the chat's order, passes the
/// same middleware and survives restarts. A chat has at most one timer per name.
public struct ScheduledTimer: Sendable, Hashable {
    /// The event type of a fired timer.
    public static let eventType = "linqbot.timer"

    /// The chat (its chat id).
    public var chatKey: String
    /// The timer's name in its chat, e.g. `follow-up`.
    public var name: String
    /// When it falls due.
    public var dueAt: Date
    /// JSON for the handler, if any.
    public var payload: JSONValue?

    /// Creates a timer.
    public init(chatKey: String, name: String, dueAt: Date, payload: JSONValue? = nil) {
        self.chatKey = chatKey
        self.name = name
        self.dueAt = dueAt
        self.payload = payload
    }

    /// The inbox event this timer becomes when it fires. Its event id names the chat, the
    /// timer and the due time, so firing twice stores it once.
    public func inboxEvent(firedAt: Date) -> NewInboxEvent {
        let milliseconds = Int64((dueAt.timeIntervalSince1970 * 1000).rounded())
        let eventID = "timer:\(chatKey):\(name):\(milliseconds)"
        let data: JSONValue = [
            "chat_id": .string(chatKey), "name": .string(name), "due_at": .string(LinqTimestamp.format(dueAt)), "payload": payload ?? .null,
        ]
        return InboxKeys.ownEvent(type: Self.eventType, id: eventID, chatKey: chatKey, data: data, at: firedAt)
    }
}

/// A timer that fired, as a handler sees it (``ChatContext/timer``).
public struct FiredTimer: Sendable, Hashable {
    /// The timer's name.
    public var name: String
    /// When it was due.
    public var dueAt: Date?
    /// Its payload.
    public var payload: JSONValue?

    /// Reads a fired timer from a `linqbot.timer` event.
    init?(_ event: WebhookEvent) {
        guard event.eventType.rawValue == ScheduledTimer.eventType, let data = event.unknownData,
              let name = data["name"]?.stringValue else { return nil }
        self.name = name
        self.dueAt = data["due_at"]?.stringValue.flatMap(LinqTimestamp.parse)
        self.payload = data["payload"].flatMap { $0 == .null ? nil : $0 }
    }
}
