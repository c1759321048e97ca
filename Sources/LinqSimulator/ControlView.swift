import Foundation
import LinqModels

/// The JSON shapes of the control API (documented in the module README).
enum ControlView {
    static func rules(_ state: SimulatorState) -> JSONValue {
        var rules: [String: JSONValue] = ["enforce_opt_out": .bool(state.enforceOptOut)]
        if let storm = state.rateStorm {
            rules["rate_limited_until"] = .string(ISO8601DateFormatter().string(from: storm.until))
            rules["retry_after"] = .number(Double(storm.retryAfter))
        }
        return .object(rules)
    }

    static func outage(_ outage: SimulatorOutage) -> JSONValue {
        [
            "unavailable_rate": .number(outage.unavailableRate), "timeout_rate": .number(outage.timeoutRate), "reset_rate": .number(outage.resetRate),
            "hang_seconds": .number(Double(outage.hang.components.seconds) + Double(outage.hang.components.attoseconds) / 1e18),
            "until": outage.until.map { JSONValue.string(LinqTimestamp.format($0)) } ?? JSONValue.null,
        ]
    }

    static func state(_ state: SimulatorState, api: SimulatorAPI) -> JSONValue {
        let lines: [JSONValue] = state.lineOrder.compactMap { state.lines[$0] }.map {
            ["phone_number": .string($0.phoneNumber), "status": .string($0.flagged ? "FLAGGED" : "ACTIVE"), "has_contact_card": .bool($0.cardName != nil)]
        }
        var handles = Set(state.people.keys)
        for chat in state.chats.values { handles.formUnion(chat.people) }
        let people = handles.sorted().map { person(state.person($0)) }
        let chats: [JSONValue] = state.chatOrder.compactMap { state.chats[$0] }.sorted { $0.updatedAt > $1.updatedAt }.map { chat in
            let last = (state.messagesByChat[chat.id] ?? []).last.flatMap { state.messages[$0] }
            return [
                "id": .string(chat.id.rawValue), "line": .string(chat.line), "handles": .array(chat.people.map(JSONValue.string)),
                "is_group": .bool(chat.isGroup), "display_name": chat.displayName.map(JSONValue.string) ?? .null,
                "service": .string(chat.service.rawValue), "updated_at": .string(LinqTimestamp.format(chat.updatedAt)),
                "last_message": last.map(message) ?? .null, "typing": .array(chat.typing.sorted().map(JSONValue.string)),
                "line_typing": .bool(lineTyping(chat, now: api.now)),
            ]
        }
        return ["version": .number(Double(state.version)), "lines": .array(lines), "handles": .array(people), "chats": .array(chats)]
    }

    static func conversation(_ chat: SimulatorState.Chat, state: SimulatorState, now: Date) -> JSONValue {
        let messages = (state.messagesByChat[chat.id] ?? []).compactMap { state.messages[$0] }.map(message)
        return [
            "messages": .array(messages), "typing": .array(chat.typing.sorted().map(JSONValue.string)),
            "line_typing": .bool(lineTyping(chat, now: now)),
            "line_typing_log": .array(chat.lineTypingLog.map { ["started": .bool($0.started), "at": .string(LinqTimestamp.format($0.at))] }),
        ]
    }

    static func message(_ message: SimulatorState.Message) -> JSONValue {
        let parts: [JSONValue] = message.parts.map { part in
            switch part {
            case .text(let text): return ["type": "text", "value": .string(text.value)]
            case .media(let media):
                return ["type": "media", "url": .string(media.url), "filename": .string(media.filename), "mime_type": .string(media.mimeType)]
            case .link(let link): return ["type": "link", "value": .string(link.value)]
            default: return ["type": .string(part.type)]
            }
        }
        let effect: JSONValue = message.effect.map { ["type": .string($0.type?.rawValue ?? ""), "name": .string($0.name ?? "")] } ?? .null
        let reactions: [JSONValue] = message.reactions.map {
            ["handle": .string($0.handle), "type": .string($0.type.rawValue), "custom_emoji": $0.customEmoji.map(JSONValue.string) ?? .null]
        }
        return [
            "id": .string(message.id.rawValue), "chat_id": .string(message.chatID.rawValue),
            "direction": .string(message.outbound ? "outbound" : "inbound"), "sender": .string(message.sender),
            "parts": .array(parts), "effect": effect,
            "reply_to": message.replyTo.map { .string($0.messageID.rawValue) } ?? .null,
            "status": .string(message.status.rawValue), "service": .string(message.service.rawValue),
            "created_at": .string(LinqTimestamp.format(message.createdAt)), "reactions": .array(reactions), "kind": .string(message.kind),
        ]
    }

    static func person(_ person: SimulatorState.Person) -> JSONValue {
        [
            "handle": .string(person.handle), "imessage": .bool(person.iMessage), "rcs": .bool(person.rcs), "sms": .bool(person.sms),
            "opted_out": .bool(person.optedOut),
        ]
    }

    private static func lineTyping(_ chat: SimulatorState.Chat, now: Date) -> Bool {
        guard let until = chat.lineTypingUntil else { return false }
        return until > now
    }
}
