public import Foundation
import LinqModels

/// One API call that reaches people or changes a chat (a message, a voice memo, an edit or
/// delete, a typing indicator, a read mark, a contact card, a tapback or sticker move, an app
/// card update, a group change, a location request), as the simulated Linq saw it: where it
/// went, with which idempotency key, when, and what it answered. Refused calls are logged too,
/// so tests can prove what a bot tried as well as what got through.
public struct SimulatorLoggedRequest: Sendable, Hashable, Encodable {
    /// What the call does.
    public enum Kind: String, Sendable, Hashable, Encodable {
        /// A message send (into a chat, a new chat, or from any line).
        case message
        /// The typing indicator turned on.
        case typingStarted = "typing_started"
        /// The typing indicator turned off.
        case typingStopped = "typing_stopped"
        /// The chat marked read.
        case read
        /// The contact card shared.
        case contactCard = "contact_card"
        /// A tapback sent or removed.
        case reaction
        /// A voice memo sent.
        case voiceMemo = "voice_memo"
        /// One of our messages edited.
        case edit
        /// One of our messages deleted.
        case delete
        /// A sticker of ours moved.
        case stickerMove = "sticker_move"
        /// One of our app cards replaced (it arrives as a new message).
        case appCardUpdate = "app_card_update"
        /// A person added to a group; the newcomer is among the recipients.
        case participantAdded = "participant_added"
        /// A person removed from a group.
        case participantRemoved = "participant_removed"
        /// A group renamed or given an icon.
        case chatUpdate = "chat_update"
        /// Our line left a group.
        case leave
        /// The person asked to share their location.
        case locationRequest = "location_request"
        /// A person's location share ended.
        case locationStop = "location_stop"
    }

    /// What the call does.
    public var kind: Kind
    /// The chat, when the call names one.
    public var chatID: String?
    /// Our line, when known.
    public var line: String?
    /// The people of the chat, or the recipients of a new chat.
    public var recipients: [String]
    /// The idempotency key the call carried (body field or header).
    public var idempotencyKey: String?
    /// Whether the call asked to pass an opt-out (`override_optout: true`).
    public var overrideOptOut: Bool
    /// The HTTP status the simulator answered.
    public var status: Int
    /// When the call arrived.
    public var at: Date
    /// The outage fault the call met, if any: `unavailable` (answered 503), `timeout` (carried
    /// out, the answer withheld) or `reset` (status 0: nothing done, no answer).
    public var fault: SimulatorOutage.Fault?

    enum CodingKeys: String, CodingKey {
        case kind, line, recipients, status, at, fault
        case chatID = "chat_id"
        case idempotencyKey = "idempotency_key"
        case overrideOptOut = "override_optout"
    }
}

extension SimulatorLoggedRequest {
    /// The log entry for `request`, or `nil` when the call does not reach people.
    static func classify(
        _ request: SimulatorRequest, state: SimulatorState
    ) -> (kind: Kind, entry: (Int, Date, SimulatorOutage.Fault?) -> SimulatorLoggedRequest)? {
        let path = Array(request.segments.drop { $0 != "v3" }.dropFirst())
        let body = try? JSONDecoder().decode(JSONValue.self, from: request.body)
        let kind: Kind
        var chatID: String?
        switch (request.method, path.count, path.first ?? "", path.last ?? "") {
        case ("POST", 1, "chats", _), ("POST", 1, "messages", _):
            kind = .message
        case ("POST", 3, "chats", "messages"):
            (kind, chatID) = (.message, path[1])
        case ("POST", 3, "chats", "typing"):
            (kind, chatID) = (.typingStarted, path[1])
        case ("DELETE", 3, "chats", "typing"):
            (kind, chatID) = (.typingStopped, path[1])
        case ("POST", 3, "chats", "read"):
            (kind, chatID) = (.read, path[1])
        case ("POST", 3, "chats", "share_contact_card"):
            (kind, chatID) = (.contactCard, path[1])
        case ("POST", 3, "chats", "voicememo"):
            (kind, chatID) = (.voiceMemo, path[1])
        case ("POST", 3, "chats", "participants"):
            (kind, chatID) = (.participantAdded, path[1])
        case ("DELETE", 3, "chats", "participants"):
            (kind, chatID) = (.participantRemoved, path[1])
        case ("PUT", 2, "chats", _):
            (kind, chatID) = (.chatUpdate, path[1])
        case ("POST", 3, "chats", "leave"):
            (kind, chatID) = (.leave, path[1])
        case ("POST", 4, "chats", "request") where path[2] == "location":
            (kind, chatID) = (.locationRequest, path[1])
        case ("DELETE", 3, "chats", "location"):
            (kind, chatID) = (.locationStop, path[1])
        case ("POST", 3, "messages", "reactions"), ("PATCH", 4, "messages", _), ("PATCH", 2, "messages", _), ("DELETE", 2, "messages", _),
            ("POST", 3, "messages", "update"):
            kind = Self.messageKind(request.method, path)
            chatID = state.messages[MessageID(path[1])]?.chatID.rawValue
        default:
            return nil
        }
        let chat = chatID.flatMap { state.chats[ChatID($0)] }
        let line = chat?.line ?? body?["from"]?.stringValue
        var recipients = chat?.people ?? []
        if chat == nil, case .array(let handles)? = body?["to"] { recipients = handles.compactMap(\.stringValue) }
        if chat == nil, let handle = body?["to"]?.stringValue { recipients = [handle] }
        if kind == .participantAdded, let handle = body?["handle"]?.stringValue, !recipients.contains(handle) { recipients.append(handle) }
        let key = body?["message"]?["idempotency_key"]?.stringValue ?? request.header("idempotency-key")
        let override = body?["override_optout"]?.boolValue ?? false
        return (kind, { status, at, fault in
            SimulatorLoggedRequest(
                kind: kind, chatID: chatID, line: line, recipients: recipients, idempotencyKey: key, overrideOptOut: override, status: status, at: at,
                fault: fault
            )
        })
    }

    /// The kind of a call on one of our messages (`/v3/messages/{id}…`).
    private static func messageKind(_ method: String, _ path: [String]) -> Kind {
        switch (method, path.count) {
        case ("PATCH", 2): .edit
        case ("DELETE", 2): .delete
        case ("PATCH", 4): .stickerMove
        case ("POST", 3) where path[2] == "update": .appCardUpdate
        default: .reaction
        }
    }
}
