import Foundation
import LinqModels

/// `GET /sim/chats/{id}/timeline`: a chat's messages with everything else that happened in
/// it laid out between them, oldest first.
extension ControlView {
    static func timeline(_ chat: SimulatorState.Chat, state: SimulatorState) -> JSONValue {
        let entries = state.timelines[chat.id] ?? []
        let memos = state.voiceMemos(in: chat.id)
        var laidOut: [JSONValue] = []
        var next = 0
        func catchUp(to position: Int) {
            while next < entries.count, entries[next].position <= position {
                if let json = entry(entries[next]) { laidOut.append(json) }
                next += 1
            }
        }
        for (index, id) in (state.messagesByChat[chat.id] ?? []).enumerated() {
            catchUp(to: index)
            guard let stored = state.messages[id] else { continue }
            var json = message(stored)
            if memos.contains(id), case .object(var fields) = json {
                fields["kind"] = "voice_memo"
                json = .object(fields)
            }
            laidOut.append(["type": "message", "message": json])
        }
        catchUp(to: Int.max)
        return [
            "chat_id": .string(chat.id.rawValue), "line": .string(chat.line), "is_group": .bool(chat.isGroup),
            "display_name": chat.displayName.map(JSONValue.string) ?? .null, "handles": .array(chat.people.map(JSONValue.string)),
            "entries": .array(laidOut),
        ]
    }

    /// One non-message entry; `nil` for entries shown through their message (voice memos).
    private static func entry(_ entry: ChatTimelineEntry) -> JSONValue? {
        var fields: [String: JSONValue] = ["by": .string(entry.actor), "at": .string(LinqTimestamp.format(entry.at))]
        switch entry.change {
        case .edited(let id, let partIndex, let text, let previous):
            fields["type"] = "edit"
            fields["message_id"] = .string(id.rawValue)
            fields["part_index"] = .number(Double(partIndex))
            fields["text"] = .string(text)
            fields["previous_text"] = .string(previous)
        case .reaction(let id, let type, let customEmoji, let removed):
            fields["type"] = "reaction"
            fields["message_id"] = .string(id.rawValue)
            fields["reaction"] = .string(type.rawValue)
            fields["custom_emoji"] = customEmoji.map(JSONValue.string) ?? .null
            fields["operation"] = removed ? "remove" : "add"
        case .added(let handle):
            fields["type"] = "participant_added"
            fields["handle"] = .string(handle)
        case .removed(let handle):
            fields["type"] = "participant_removed"
            fields["handle"] = .string(handle)
        case .left:
            fields["type"] = "left"
        case .renamed(let name):
            fields["type"] = "renamed"
            fields["display_name"] = name.map(JSONValue.string) ?? .null
        case .iconChanged(let url):
            fields["type"] = "icon_changed"
            fields["url"] = url.map(JSONValue.string) ?? .null
        case .voiceMemo:
            return nil
        case .contactCard(let firstName, let lastName):
            fields["type"] = "contact_card"
            fields["first_name"] = .string(firstName)
            fields["last_name"] = .string(lastName)
        }
        return .object(fields)
    }
}
