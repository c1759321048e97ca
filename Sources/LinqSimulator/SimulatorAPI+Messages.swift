import Foundation
import LinqModels

/// `/v3/messages…`: auto-from send, get, edit, delete, thread, reactions, sticker moves, app cards.
extension SimulatorAPI {
    func handleMessages(_ request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse? {
        let p = 2
        if request.method == "POST", request.match("v3/messages", after: p) != nil {
            return try createMessage(request, state: &state)
        }
        if let id = request.match("v3/messages/:id", after: p)?.first {
            var message = try message(id, in: state)
            let chat = try chat(message.chatID.rawValue, in: state)
            switch request.method {
            case "GET":
                return .json(200, apiMessage(message, in: chat))
            case "PATCH":
                let body = try decode(EditMessageRequest.self, from: request)
                try checkLineCanWrite(chat.line, state: state)
                guard message.outbound else { throw SimulatorError(400, 1005, "Only our own messages can be edited.") }
                guard now.timeIntervalSince(message.createdAt) <= 900 else { throw SimulatorError(400, 1005, "Messages can be edited for 15 minutes after sending.") }
                guard message.edits < 5 else { throw SimulatorError(400, 1005, "A message can be edited at most 5 times.") }
                let index = body.partIndex ?? 0
                guard message.parts.indices.contains(index), case .text(var text) = message.parts[index] else {
                    throw SimulatorError(400, 1005, "part_index \(index) is not a text part.")
                }
                guard !body.text.isEmpty, body.text.count <= 10_000 else { throw SimulatorError(400, 1004, "text must be 1 to 10,000 characters.") }
                state.record(.edited(message.id, partIndex: index, text: body.text, previous: text.value), by: chat.line, in: chat.id, at: now)
                text.value = body.text
                message.parts[index] = .text(text)
                message.edits += 1
                message.updatedAt = now
                state.messages[message.id] = message
                emit(.messageEdited(MessageEditedEvent(
                    messageID: message.id, chatID: chat.id, isGroup: chat.isGroup, line: lineHandle(of: chat),
                    chatHealth: Self.health(chat, at: now), direction: .outbound, sender: lineHandle(of: chat),
                    editedAt: now, partIndex: index, text: body.text
                )), line: chat.line, state: &state)
                return .json(200, apiMessage(message, in: chat))
            case "DELETE":
                state.messages[message.id] = nil
                state.messagesByChat[chat.id]?.removeAll { $0 == message.id }
                if let key = message.idempotencyKey {
                    state.idempotency[key] = nil
                    state.deletedKeys.insert(key)
                }
                return .empty(204)
            default:
                return nil
            }
        }
        if request.method == "GET", let id = request.match("v3/messages/:id/thread", after: p)?.first {
            let origin = try message(id, in: state)
            let chat = try chat(origin.chatID.rawValue, in: state)
            let root = origin.replyTo.flatMap { state.messages[$0.messageID] } ?? origin
            var thread = [root] + (state.messagesByChat[chat.id] ?? []).compactMap { state.messages[$0] }.filter { $0.replyTo?.messageID == root.id }
            if request.query["order"] == "desc" { thread.reverse() }
            let page = try page(thread, request: request, defaultLimit: 50)
            return .json(200, MessageList(messages: page.items.map { apiMessage($0, in: chat) }, nextCursor: page.next))
        }
        if request.method == "POST", let id = request.match("v3/messages/:id/reactions", after: p)?.first {
            return try react(messageID: id, request: request, state: &state)
        }
        if request.method == "PATCH", let ids = request.match("v3/messages/:id/reactions/:reaction", after: p) {
            let message = try message(ids[0], in: state)
            guard let reaction = message.reactions.first(where: { $0.id.rawValue == ids[1] }) else {
                throw SimulatorError.notFound("Reaction \(ids[1])", code: 1005)
            }
            guard reaction.type == .sticker else { throw SimulatorError(400, 1005, "Only sticker reactions can be moved.") }
            _ = try decode(StickerPlacementRequest.self, from: request)
            return .json(200, LinqStatusResponse(status: "accepted", success: true, traceID: traceID))
        }
        if request.method == "POST", let id = request.match("v3/messages/:id/update", after: p)?.first {
            return try updateAppCard(messageID: id, request: request, state: &state)
        }
        return nil
    }

    private func createMessage(_ request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        let body = try decode(CreateMessageRequest.self, from: request)
        guard (1...31).contains(body.to.count) else { throw SimulatorError(400, 1005, "to must list 1 to 31 handles.") }
        for handle in body.to { try checkHandle(handle) }
        for number in body.excludeFrom ?? [] where !Self.isE164(number) {
            throw SimulatorError(400, 1002, "exclude_from entry \(number) is not E.164.")
        }
        let key = request.header("idempotency-key") ?? body.message.idempotencyKey
        return try idempotent(key, state: &state) { state in
            let excluded = Set(body.excludeFrom ?? [])
            let wanted = Set(body.to)
            let eligible = state.lineOrder.filter { state.lines[$0]?.flagged == false && !excluded.contains($0) }
            guard !excluded.isSuperset(of: state.lineOrder) else { throw SimulatorError(400, 1005, "exclude_from excludes every line.") }
            let matching = state.chatOrder.compactMap { state.chats[$0] }.filter { !$0.left && Set($0.people) == wanted }
                .sorted { $0.updatedAt > $1.updatedAt }
            var scratch = state
            let chat: SimulatorState.Chat
            let reason: CreateMessageResponse.FromSelection.Reason
            var previous: ChatID?
            var content = body.message
            if let reusable = matching.first(where: { state.lines[$0.line]?.flagged == false }) {
                chat = reusable
                reason = .reusedActiveChat
            } else {
                guard let line = eligible.first else { throw SimulatorError(409, 2015, "No line is eligible to send.") }
                if let stranded = matching.first {
                    previous = stranded.id
                    if let continuation = body.continuationMessage { content = MessageContent(parts: [.text(continuation.text)], idempotencyKey: content.idempotencyKey) }
                }
                chat = makeChat(line: line, people: body.to, displayName: nil, state: &scratch)
                reason = previous == nil ? .newBestNumber : CreateMessageResponse.FromSelection.Reason(rawValue: "failover_flagged")
            }
            let message = try sendMessage(content, in: chat.id, overrideOptOut: body.overrideOptOut ?? false, isNewChat: false, state: &scratch)
            state = scratch
            let current = state.chats[chat.id] ?? chat
            let response = CreateMessageResponse(
                chatID: current.id, createdNewChat: reason != .reusedActiveChat, from: current.line,
                fromSelection: .init(reason: reason, reusedExistingChat: reason == .reusedActiveChat),
                handles: current.participants, isGroup: current.isGroup, service: current.service,
                message: sentMessage(message, in: current), previousChatID: previous
            )
            return (.json(202, response), message.id)
        }
    }

    private func react(messageID: String, request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        var message = try message(messageID, in: state)
        let chat = try chat(message.chatID.rawValue, in: state)
        try checkLineCanWrite(chat.line, state: state)
        let body = try decode(ReactionRequest.self, from: request)
        let partIndex = body.partIndex ?? 0
        guard message.parts.indices.contains(partIndex) else { throw SimulatorError(400, 1005, "part_index \(partIndex) does not exist.") }
        if body.type == .custom, (body.customEmoji ?? "").isEmpty { throw SimulatorError(400, 1001, "custom_emoji is required for a custom reaction.") }
        if body.type == .sticker {
            guard chat.service == .iMessage else { throw SimulatorError(400, 1005, "Stickers are iMessage only.") }
            guard body.operation == .add else { throw SimulatorError(400, 1005, "Stickers cannot be removed.") }
        }
        let reactionID = ReactionID(SimulatorState.uuid())
        if body.operation == .remove {
            message.reactions.removeAll { $0.handle == chat.line && $0.type == body.type && $0.partIndex == partIndex }
        } else {
            message.reactions.removeAll { $0.handle == chat.line && $0.partIndex == partIndex && body.type != .sticker }
            message.reactions.append(.init(id: reactionID, handle: chat.line, type: body.type, customEmoji: body.customEmoji, partIndex: partIndex))
        }
        state.messages[message.id] = message
        state.record(.reaction(message.id, type: body.type, customEmoji: body.customEmoji, removed: body.operation == .remove), by: chat.line, in: chat.id, at: now)
        emit(.reaction(ReactionEvent(
            action: body.operation == .remove ? .removed : .added, isFromMe: true, reactionType: body.type, chatID: chat.id,
            messageID: message.id, partIndex: partIndex, from: chat.line, fromHandle: lineHandle(of: chat),
            customEmoji: body.customEmoji, reactionID: reactionID, reactedAt: now, service: chat.service
        )), line: chat.line, state: &state)
        return .json(200, LinqStatusResponse(message: "Reaction \(body.operation == .remove ? "removed" : "added")", status: "accepted", traceID: traceID))
    }

    /// Linq sends the new card as a new message in the chat, under the rules of any send.
    private func updateAppCard(messageID: String, request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        let original = try message(messageID, in: state)
        guard original.outbound, case .iMessageApp(let card) = original.parts.first else {
            throw SimulatorError(400, 1005, "Only our own imessage_app cards can be updated.")
        }
        let body = try decode(UpdateAppCardRequest.self, from: request)
        var identity = body.app
        if identity == nil, let original = card.app, let data = try? JSONEncoder().encode(original) {
            identity = try? LinqJSON.makeDecoder().decode(IMessageAppIdentity.self, from: data)
        }
        guard let identity else { throw SimulatorError(400, 1005, "The original card names no app; send app.") }
        let app = OutgoingIMessageApp(app: identity, layout: body.layout, url: body.url, fallbackText: body.fallbackText, interactive: body.interactive)
        let sent = try sendMessage(
            MessageContent(parts: [.iMessageApp(app)]), in: original.chatID, overrideOptOut: false, isNewChat: false, state: &state
        )
        let chat = try chat(original.chatID.rawValue, in: state)
        return .json(202, SendMessageResponse(chatID: chat.id, message: sentMessage(sent, in: chat)))
    }
}
