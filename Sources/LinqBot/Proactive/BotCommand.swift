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
    /// The JSON of an `Encodable` value. Strings, Booleans, `Int`s and finite `Double`s (what
    /// sessions mostly hold) are converted directly; anything else goes through JSON text,
    /// which gives the same value.
    init<T: Encodable>(encoding value: T) throws {
        if let value = value as? JSONValue {
            self = value
        } else if T.self == String.self, let text = value as? String {
            self = .string(text)
        } else if T.self == Bool.self, let flag = value as? Bool {
            self = .bool(flag)
        } else if T.self == Int.self, let number = value as? Int {
            self = .number(Double(number))
        } else if T.self == Double.self, let number = value as? Double, number.isFinite {
            self = .number(number)
        } else {
            self = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        }
    }

    /// Decodes this JSON as `T`: strings, Booleans, whole-number `Int`s and `Double`s directly,
    /// anything else through JSON text (which also words the errors).
    func decode<T: Decodable>(as type: T.Type) throws -> T {
        switch self {
        case _ where T.self == JSONValue.self:
            if let value = self as? T { return value }
        case .string(let text) where T.self == String.self:
            if let value = text as? T { return value }
        case .bool(let flag) where T.self == Bool.self:
            if let value = flag as? T { return value }
        case .number(let number) where T.self == Double.self:
            if let value = number as? T { return value }
        case .number(let number) where T.self == Int.self:
            if let whole = Int(exactly: number), let value = whole as? T { return value }
        default:
            break
        }
        return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self))
    }
}
