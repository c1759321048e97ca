import Foundation
import LinqModels

/// Work that business code, the admin API or the flow runtime puts into a queue, so it runs in
/// order with the chat's own events, survives restarts and is retried like any event.
///
/// A command travels as a `linqbot.command` inbox event; a command scheduled for later travels
/// as the payload of a timer named `linqbot.scheduled.…`.
struct BotCommand: Codable, Sendable, Hashable {
    /// The event type of a queued command.
    static let eventType = "linqbot.command"
    /// Timers whose name starts with this carry a command in their payload.
    static let timerPrefix = "linqbot.scheduled."

    enum Action: String, Codable, Sendable {
        /// Send `content` (creating the chat with `line` and `handle` when there is none yet).
        case send
        /// Enter `flow`'s first state with `data`, running its entry action.
        case startFlow = "start_flow"
        /// Take over a flow already entered elsewhere (`state`, `data`, `entry`): its entry ran
        /// in a handle's queue, where the chat did not exist yet.
        case adoptFlow = "adopt_flow"
        /// End the chat's flow, cancelling its timeouts.
        case endFlow = "end_flow"
        /// Hand the chat to a person.
        case handOff = "hand_off"
        /// Give the chat back to the bot.
        case handBack = "hand_back"
    }

    var action: Action
    var chatID: String?
    var line: String?
    var handle: String?
    var content: MessageContent?
    var flow: String?
    var state: String?
    var data: JSONValue?
    var entry: Int?
    var reason: String?
    var timeZone: String?

    enum CodingKeys: String, CodingKey {
        case action, line, handle, content, flow, state, data, entry, reason
        case chatID = "chat_id"
        case timeZone = "time_zone"
    }

    /// The queue the command runs in: its chat, or the handle's queue when there is no chat yet.
    var queueKey: String {
        if let chatID { return chatID }
        return InboxKeys.handleKey(line: line ?? "", handle: handle ?? "")
    }

    /// The command as an inbox event with `id` (stable ids make enqueueing idempotent).
    func inboxEvent(id: String, at date: Date) throws -> NewInboxEvent {
        InboxKeys.ownEvent(type: Self.eventType, id: id, chatKey: queueKey, data: try JSONValue(encoding: self), at: date)
    }

    /// The command an event carries: a queued command, or a timer scheduled with one.
    init?(_ event: WebhookEvent) {
        let carried: JSONValue?
        switch event.eventType.rawValue {
        case Self.eventType:
            carried = event.unknownData
        case ScheduledTimer.eventType:
            guard let name = event.unknownData?["name"]?.stringValue, name.hasPrefix(Self.timerPrefix) else { return nil }
            carried = event.unknownData?["payload"]
        default:
            return nil
        }
        guard let carried, let command = try? carried.decode(as: BotCommand.self) else { return nil }
        self = command
    }

    init(action: Action, chatID: String? = nil, line: String? = nil, handle: String? = nil) {
        self.action = action
        self.chatID = chatID
        self.line = line
        self.handle = handle
    }
}

extension JSONValue {
    /// The JSON of an `Encodable` value.
    init<T: Encodable>(encoding value: T) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// Decodes this JSON as `T`.
    func decode<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self))
    }
}
