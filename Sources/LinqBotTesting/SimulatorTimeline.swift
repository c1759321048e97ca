import Foundation
import LinqModels

/// One chat as the simulator's `GET /sim/chats/{id}/timeline` reports it, typed: messages,
/// and between them the edits, tapbacks, membership changes, renames and contact cards.
struct SimulatorTimeline: Sendable {
    /// One part of a message.
    enum Part: Sendable, Hashable {
        case text(String)
        case media(url: String, filename: String, mimeType: String)
        case link(String)
        case other(String)
    }

    /// One message.
    struct Message: Sendable {
        var id: MessageID
        var sender: String
        var outbound: Bool
        var parts: [Part]
        /// `message`, `contact_card` or `voice_memo`.
        var kind: String
        var status: String

        /// This message with the text part `index` replaced by `text`.
        func editing(_ index: Int, to text: String) -> Message {
            var edited = self
            if edited.parts.indices.contains(index), case .text = edited.parts[index] { edited.parts[index] = .text(text) }
            return edited
        }

        /// The text parts, joined with a space.
        var text: String? {
            let texts = parts.compactMap { part -> String? in if case .text(let value) = part { value } else { nil } }
            return texts.isEmpty ? nil : texts.joined(separator: " ")
        }
    }

    /// Something that happened; `by` is who did it (a person or our line).
    enum Entry: Sendable {
        case message(Message)
        case edit(by: String, message: MessageID, partIndex: Int, text: String, previous: String)
        case reaction(by: String, message: MessageID, type: String, customEmoji: String?, removed: Bool)
        case added(String, by: String)
        case removed(String, by: String)
        case left(by: String)
        case renamed(String?, by: String)
        case iconChanged(String?, by: String)
        case contactCard(by: String, firstName: String, lastName: String)
    }

    /// Our line in the chat.
    var line: String
    /// Everything, oldest first; messages as they were first sent (their edits come later).
    var entries: [Entry]

    /// The messages as they read now, after every edit, oldest first.
    var messages: [Message] {
        var edited: [MessageID: Message] = [:]
        var order: [MessageID] = []
        for entry in entries {
            switch entry {
            case .message(let message):
                edited[message.id] = message
                order.append(message.id)
            case .edit(_, let id, let index, let text, _):
                edited[id] = edited[id]?.editing(index, to: text)
            default:
                break
            }
        }
        return order.compactMap { edited[$0] }
    }

    init(json: JSONValue) {
        line = json["line"]?.stringValue ?? ""
        guard case .array(let items) = json["entries"] else {
            entries = []
            return
        }
        let parsed = items.compactMap(Self.entry)
        // The simulator reports messages as they read now; put back the text they were sent with.
        var original: [MessageID: [Int: String]] = [:]
        for case .edit(_, let id, let index, _, let previous) in parsed where original[id]?[index] == nil {
            original[id, default: [:]][index] = previous
        }
        entries = parsed.map { entry in
            guard case .message(var message) = entry, let texts = original[message.id] else { return entry }
            for (index, text) in texts { message = message.editing(index, to: text) }
            return .message(message)
        }
    }

    private static func entry(_ json: JSONValue) -> Entry? {
        let by = json["by"]?.stringValue ?? ""
        let messageID = MessageID(json["message_id"]?.stringValue ?? "")
        switch json["type"]?.stringValue {
        case "message": return json["message"].flatMap(message).map(Entry.message)
        case "edit":
            let index = Int(json["part_index"]?.numberValue ?? 0)
            let text = json["text"]?.stringValue ?? ""
            return .edit(by: by, message: messageID, partIndex: index, text: text, previous: json["previous_text"]?.stringValue ?? text)
        case "reaction":
            return .reaction(
                by: by, message: messageID, type: json["reaction"]?.stringValue ?? "", customEmoji: json["custom_emoji"]?.stringValue,
                removed: json["operation"]?.stringValue == "remove"
            )
        case "participant_added": return .added(json["handle"]?.stringValue ?? "", by: by)
        case "participant_removed": return .removed(json["handle"]?.stringValue ?? "", by: by)
        case "left": return .left(by: by)
        case "renamed": return .renamed(json["display_name"]?.stringValue, by: by)
        case "icon_changed": return .iconChanged(json["url"]?.stringValue, by: by)
        case "contact_card":
            return .contactCard(by: by, firstName: json["first_name"]?.stringValue ?? "", lastName: json["last_name"]?.stringValue ?? "")
        default: return nil
        }
    }

    private static func message(_ json: JSONValue) -> Message? {
        guard let id = json["id"]?.stringValue, case .array(let parts) = json["parts"] else { return nil }
        return Message(
            id: MessageID(id), sender: json["sender"]?.stringValue ?? "", outbound: json["direction"]?.stringValue == "outbound",
            parts: parts.map(part), kind: json["kind"]?.stringValue ?? "message", status: json["status"]?.stringValue ?? ""
        )
    }

    private static func part(_ json: JSONValue) -> Part {
        switch json["type"]?.stringValue {
        case "text": .text(json["value"]?.stringValue ?? "")
        case "link": .link(json["value"]?.stringValue ?? "")
        case "media":
            .media(url: json["url"]?.stringValue ?? "", filename: json["filename"]?.stringValue ?? "", mimeType: json["mime_type"]?.stringValue ?? "")
        default: .other(json["type"]?.stringValue ?? "unknown")
        }
    }
}
