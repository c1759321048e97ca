import Foundation
import LinqModels

/// `/v3/chats`: create, list, get, update, leave, read, voice memo, contact card, messages.
extension SimulatorAPI {
    func handleChats(_ request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse? {
        let p = 2  // after "api/partner"
        switch request.method {
        case "POST" where request.match("v3/chats", after: p) != nil:
            return try createChat(request, state: &state)
        case "GET" where request.match("v3/chats", after: p) != nil:
            var chats = state.chatOrder.compactMap { state.chats[$0] }.sorted { $0.updatedAt > $1.updatedAt }
            if let from = request.query["from"] { chats = chats.filter { $0.line == from } }
            if let to = request.query["to"] { chats = chats.filter { $0.people.contains(to) } }
            let page = try page(chats, request: request, defaultLimit: 20)
            return .json(200, ChatList(chats: page.items.map(apiChat), nextCursor: page.next))
        case "GET" where request.match("v3/chats/:id", after: p) != nil:
            return .json(200, apiChat(try chat(request.segments[p + 2], in: state)))
        case "PUT" where request.match("v3/chats/:id", after: p) != nil:
            let id = request.segments[p + 2]
            var chat = try chat(id, in: state)
            guard chat.isGroup else { throw SimulatorError(400, 1006, "Direct chats cannot be updated; only groups.") }
            try checkLineCanWrite(chat.line, state: state)
            let update = try decode(UpdateChatRequest.self, from: request)
            if let name = update.displayName {
                chat.displayName = name.isEmpty ? nil : name
                state.record(.renamed(chat.displayName), by: chat.line, in: chat.id, at: now)
            }
            if let icon = update.groupChatIcon {
                chat.groupIcon = icon.isEmpty ? nil : icon
                state.record(.iconChanged(chat.groupIcon), by: chat.line, in: chat.id, at: now)
            }
            chat.updatedAt = now
            state.chats[chat.id] = chat
            return .json(200, UpdateChatResponse(chatID: chat.id, status: "accepted"))
        default:
            break
        }
        if request.method == "POST", let id = request.match("v3/chats/:id/leave", after: p)?.first {
            var chat = try chat(id, in: state)
            let active = chat.participants.filter { $0.status != .removed && $0.status != .left }
            guard chat.isGroup, chat.service == .iMessage, active.count >= 4, !chat.left else {
                throw SimulatorError(400, 1005, "Only iMessage groups with at least 4 active participants, ourselves included, can be left.")
            }
            chat.left = true
            state.record(.left, by: chat.line, in: chat.id, at: now)
            if let index = chat.participants.firstIndex(where: { $0.isMe == true }) {
                chat.participants[index].status = .left
                chat.participants[index].leftAt = now
                emit(.participant(ParticipantEvent(change: .removed, handle: chat.line, participant: chat.participants[index], chatID: chat.id, removedAt: now)), line: chat.line, state: &state)
            }
            state.chats[chat.id] = chat
            return .json(200, LinqStatusResponse(message: "Left chat", status: "accepted", traceID: traceID))
        }
        if request.method == "POST", let id = request.match("v3/chats/:id/read", after: p)?.first {
            let chat = try chat(id, in: state)
            for messageID in state.messagesByChat[chat.id] ?? [] where state.messages[messageID]?.outbound == false {
                if state.messages[messageID]?.readAt == nil { state.messages[messageID]?.readAt = now }
                state.messages[messageID]?.status = .read
            }
            return .empty(204)
        }
        if request.method == "POST", let id = request.match("v3/chats/:id/share_contact_card", after: p)?.first {
            return try shareContactCard(chatID: id, state: &state)
        }
        if let id = request.match("v3/chats/:id/messages", after: p)?.first {
            if request.method == "GET" {
                let chat = try chat(id, in: state)
                let messages = (state.messagesByChat[chat.id] ?? []).reversed().compactMap { state.messages[$0] }.filter { $0.kind == "message" }
                let page = try page(Array(messages), request: request, defaultLimit: 50)
                return .json(200, MessageList(messages: page.items.map { apiMessage($0, in: chat) }, nextCursor: page.next))
            }
            if request.method == "POST" {
                let chat = try chat(id, in: state)
                let body = try decode(SendMessageRequest.self, from: request)
                return try idempotent(body.message.idempotencyKey, state: &state) { state in
                    let message = try sendMessage(body.message, in: chat.id, overrideOptOut: body.overrideOptOut ?? false, isNewChat: false, state: &state)
                    let current = state.chats[chat.id] ?? chat
                    return (.json(202, SendMessageResponse(chatID: chat.id, message: sentMessage(message, in: current))), message.id)
                }
            }
        }
        return nil
    }

    private func createChat(_ request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        let body = try decode(CreateChatRequest.self, from: request)
        _ = try line(body.from, in: state)
        guard (1...31).contains(body.to.count) else { throw SimulatorError(400, 1005, "to must list 1 to 31 handles.") }
        for handle in body.to { try checkHandle(handle) }
        guard Set(body.to).count == body.to.count else { throw SimulatorError(400, 1005, "to lists a handle twice.") }
        return try idempotent(body.message.idempotencyKey, state: &state) { state in
            try checkLineCanWrite(body.from, state: state)
            var scratch = state
            let (chat, isNew) = findOrMakeChat(line: body.from, people: body.to, displayName: nil, state: &scratch)
            let message = try sendMessage(body.message, in: chat.id, overrideOptOut: body.overrideOptOut ?? false, isNewChat: isNew, state: &scratch)
            state = scratch  // commit only when the first message went out
            let current = state.chats[chat.id] ?? chat
            let created = CreatedChat(
                id: current.id, displayName: current.displayName ?? current.people.joined(separator: ", "),
                handles: current.participants, healthStatus: Self.health(current, at: now), isGroup: current.isGroup,
                service: current.service, message: sentMessage(message, in: current)
            )
            return (.json(201, CreateChatResponse(chat: created)), message.id)
        }
    }

    private func shareContactCard(chatID: String, state: inout SimulatorState) throws -> SimulatorResponse {
        var chat = try chat(chatID, in: state)
        try checkLineCanWrite(chat.line, state: state)
        guard let card = state.lines[chat.line], card.cardName != nil else {
            throw SimulatorError(404, 2012, "The line \(chat.line) has no active contact card; create one with POST /v3/contact_card.")
        }
        if let last = chat.lastCardShare, now.timeIntervalSince(last) < 300 {
            throw SimulatorError(429, 1007, "The contact card was shared in this chat less than 5 minutes ago.", retryAfter: Int((300 - now.timeIntervalSince(last)).rounded(.up)))
        }
        if state.enforceOptOut, !chat.isGroup, let person = chat.people.first, state.person(person).optedOut {
            throw SimulatorError(403, 2024, "\(person) has opted out of messages from this line.")
        }
        chat.lastCardShare = now
        chat.updatedAt = now
        state.chats[chat.id] = chat
        let record = SimulatorState.Message(
            id: MessageID(SimulatorState.uuid()), chatID: chat.id, outbound: true, sender: chat.line,
            parts: [.text(TextPart(value: [card.cardName, card.cardLastName].compactMap { $0 }.joined(separator: " ")))],
            service: chat.service, createdAt: now, updatedAt: now, sentAt: now, status: .sent, kind: "contact_card"
        )
        state.messages[record.id] = record
        state.messagesByChat[chat.id, default: []].append(record.id)
        return .empty(204)
    }
}
