import Foundation
import LinqModels

/// What people do besides writing and reacting: edit a message they sent, and change who is in
/// a group. Each emits the webhook Linq sends for it.
extension SimulatorAPI {
    /// `POST /sim/handles/{handle}/edits` and `POST /sim/handles/{handle}/participants`.
    func handlePersonChange(_ handle: String, action: String, request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        try checkHandle(handle)
        switch action {
        case "edits":
            return try personEdit(handle, try decode(ControlEditRequest.self, from: request), state: &state)
        case "participants":
            return try personChangesGroup(handle, try decode(ControlParticipantRequest.self, from: request), state: &state)
        default:
            throw SimulatorError(404, 1005, "No control endpoint \(request.method) /sim/handles/\(handle)/\(action).")
        }
    }

    /// The person edits a text part of their own message (iMessage only, at most 5 times within
    /// 15 minutes, as for our line): `message.edited` with direction inbound.
    private func personEdit(_ handle: String, _ body: ControlEditRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        var message = try message(body.messageID, in: state)
        let chat = try chat(message.chatID.rawValue, in: state)
        guard !message.outbound, message.sender == handle else { throw SimulatorError(400, 1005, "\(handle) can edit only their own messages.") }
        guard chat.service == .iMessage else { throw SimulatorError(400, 1005, "Messages can be edited only in iMessage chats.") }
        guard now.timeIntervalSince(message.createdAt) <= 900 else { throw SimulatorError(400, 1005, "Messages can be edited for 15 minutes after sending.") }
        guard message.edits < 5 else { throw SimulatorError(400, 1005, "A message can be edited at most 5 times.") }
        let index = body.partIndex ?? 0
        guard message.parts.indices.contains(index), case .text(var text) = message.parts[index] else {
            throw SimulatorError(400, 1005, "part_index \(index) is not a text part.")
        }
        guard !body.text.isEmpty, body.text.count <= 10_000 else { throw SimulatorError(400, 1004, "text must be 1 to 10,000 characters.") }
        state.record(.edited(message.id, partIndex: index, text: body.text, previous: text.value), by: handle, in: chat.id, at: now)
        text.value = body.text
        message.parts[index] = .text(text)
        message.edits += 1
        message.updatedAt = now
        state.messages[message.id] = message
        emit(.messageEdited(MessageEditedEvent(
            messageID: message.id, chatID: chat.id, isGroup: chat.isGroup, line: lineHandle(of: chat), chatHealth: Self.health(chat, at: now),
            direction: .inbound, sender: self.handle(handle, in: chat), editedAt: now, partIndex: index, text: body.text
        )), line: chat.line, state: &state)
        return .json(200, ["chat_id": chat.id.rawValue, "message_id": message.id.rawValue])
    }

    /// A member of a group adds someone, takes someone out, or (taking themselves out) leaves:
    /// `participant.added` or `participant.removed`. At least 3 participants, our line
    /// included, must remain; our line cannot be taken out this way.
    private func personChangesGroup(_ actor: String, _ body: ControlParticipantRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        var chat = try chat(body.chatID, in: state)
        try checkHandle(body.handle)
        guard chat.isGroup else { throw SimulatorError(400, 1006, "Participants can change only in group chats.") }
        if chat.left { throw SimulatorError(409, 2013, "Our line has left this chat.") }
        guard chat.people.contains(actor) else { throw SimulatorError(400, 1005, "\(actor) is not in the chat.") }
        switch body.operation ?? "add" {
        case "add":
            guard !chat.people.contains(body.handle), body.handle != chat.line else { throw SimulatorError(400, 1005, "\(body.handle) is already in the chat.") }
            let person = state.person(body.handle)
            let reachable = chat.service == .iMessage ? person.iMessage : chat.service == .rcs ? person.rcs : person.sms
            guard reachable else { throw SimulatorError(400, 1005, "\(body.handle) cannot be reached on \(chat.service).") }
            let record = ChatHandle(
                id: ChatHandleID(SimulatorState.uuid()), handle: body.handle, joinedAt: now, service: chat.service, isMe: false, status: .active
            )
            chat.participants.append(record)
            chat.people.append(body.handle)
            state.record(.added(body.handle), by: actor, in: chat.id, at: now)
            emit(.participant(ParticipantEvent(change: .added, handle: body.handle, participant: record, chatID: chat.id, addedAt: now)), line: chat.line, state: &state)
        case "remove":
            guard body.handle != chat.line else { throw SimulatorError(400, 1005, "Our line cannot be taken out of the group here.") }
            guard let index = chat.participants.lastIndex(where: { $0.handle == body.handle && $0.status != .removed && $0.status != .left }) else {
                throw SimulatorError(400, 1005, "\(body.handle) is not in the chat.")
            }
            guard chat.people.count >= 3 else { throw SimulatorError(400, 1005, "At least 3 participants must remain in a group.") }
            chat.participants[index].status = body.handle == actor ? .left : .removed
            chat.participants[index].leftAt = now
            chat.people.removeAll { $0 == body.handle }
            chat.typing.remove(body.handle)
            state.record(.removed(body.handle), by: actor, in: chat.id, at: now)
            emit(.participant(ParticipantEvent(
                change: .removed, handle: body.handle, participant: chat.participants[index], chatID: chat.id, removedAt: now
            )), line: chat.line, state: &state)
        default:
            throw SimulatorError(400, 1005, "operation must be add or remove.")
        }
        chat.updatedAt = now
        state.chats[chat.id] = chat
        return .json(200, JSONValue.object(["chat_id": .string(chat.id.rawValue), "handles": .array(chat.people.map(JSONValue.string))]))
    }

    /// The media part of a person's message: the name and type given, or read from the URL.
    func personMedia(_ body: ControlMessageRequest) -> MessagePart? {
        guard let url = body.mediaURL, !url.isEmpty else { return nil }
        let fromURL = URL(string: url)?.lastPathComponent ?? ""
        let name = body.filename ?? (fromURL.isEmpty ? "file" : fromURL)
        return .media(MediaPart(
            id: AttachmentID(SimulatorState.uuid()), filename: name, mimeType: body.mimeType ?? Self.mimeType(forFilename: name), sizeBytes: 0, url: url
        ))
    }
}
