import Foundation
import LinqModels

/// `/v3/chats/{id}/…`: participants, typing, location and voice memos.
extension SimulatorAPI {
    func handleChatParts(_ request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse? {
        let p = 2
        if let id = request.match("v3/chats/:id/participants", after: p)?.first, ["POST", "DELETE"].contains(request.method) {
            return try changeParticipants(chatID: id, adding: request.method == "POST", request: request, state: &state)
        }
        if let id = request.match("v3/chats/:id/typing", after: p)?.first, ["POST", "DELETE"].contains(request.method) {
            var chat = try chat(id, in: state)
            try checkLineCanWrite(chat.line, state: state)
            if chat.left { throw SimulatorError(409, 2013, "Our line has left this chat.") }
            chat.lineTypingLog.append((started: request.method == "POST", at: now))
            // Linq answers 204 everywhere but shows the indicator only in iMessage chats, for ~90 s.
            if chat.service == .iMessage {
                chat.lineTypingUntil = request.method == "POST" ? now.addingTimeInterval(90) : nil
            }
            state.chats[chat.id] = chat
            return .empty(204)
        }
        if request.method == "POST", let id = request.match("v3/chats/:id/location/request", after: p)?.first {
            let chat = try chat(id, in: state)
            try checkLineCanWrite(chat.line, state: state)
            if chat.isGroup { throw SimulatorError(409, 2016, "Location requests are not supported in group chats.") }
            if chat.service != .iMessage { throw SimulatorError(409, 2017, "Location requests need an iMessage chat.") }
            if state.enforceOptOut, let person = chat.people.first, state.person(person).optedOut {
                throw SimulatorError(403, 2024, "\(person) has opted out of messages from this line.")
            }
            return .json(200, LocationStatusResponse(message: "Location request sent"))
        }
        if let id = request.match("v3/chats/:id/location", after: p)?.first {
            _ = try chat(id, in: state)
            if request.method == "GET" {
                return .json(200, ChatLocationResponse(data: .init(features: [])))
            }
            if request.method == "DELETE" {
                let body = try decode(HandleRequest.self, from: request)
                throw SimulatorError(404, 1005, "\(body.handle) is not sharing a location.")
            }
        }
        if request.method == "POST", let id = request.match("v3/chats/:id/voicememo", after: p)?.first {
            let chat = try chat(id, in: state)
            let body = try decode(VoiceMemoRequest.self, from: request)
            let source: MediaSource =
                switch body.source {
                case .url(let url): .url(url)
                case .attachment(let attachment): .attachment(attachment)
                }
            let message = try sendMessage(
                MessageContent(parts: [.media(OutgoingMedia(source: source))]), in: chat.id,
                overrideOptOut: body.overrideOptOut ?? false, isNewChat: false, state: &state
            )
            guard case .media(let media) = message.parts.first else { throw SimulatorError(500, 3006, "voice memo lost its media") }
            state.record(.voiceMemo(message.id), by: chat.line, in: chat.id, at: now)
            let memo = VoiceMemoResponse.VoiceMemo(
                id: message.id,
                chat: .init(id: chat.id, handles: chat.participants, isActive: !chat.left, isGroup: chat.isGroup, service: chat.service),
                createdAt: now, from: chat.line, status: "queued", to: chat.people,
                voiceMemo: .init(id: media.id, filename: media.filename, mimeType: media.mimeType, sizeBytes: media.sizeBytes, url: media.url),
                service: chat.service
            )
            return .json(202, VoiceMemoResponse(voiceMemo: memo))
        }
        return nil
    }

    private func changeParticipants(chatID: String, adding: Bool, request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        var chat = try chat(chatID, in: state)
        try checkLineCanWrite(chat.line, state: state)
        if chat.left { throw SimulatorError(409, 2013, "Our line has left this chat.") }
        let body = try decode(HandleRequest.self, from: request)
        try checkHandle(body.handle)
        guard chat.isGroup else { throw SimulatorError(400, 1006, "Participants can change only in group chats.") }
        let active = chat.participants.filter { $0.status != .removed && $0.status != .left }
        if adding {
            guard active.count >= 3 else { throw SimulatorError(400, 1005, "A group needs at least 3 participants before one is added.") }
            guard !active.contains(where: { $0.handle == body.handle }) else {
                throw SimulatorError(400, 1005, "\(body.handle) is already in the chat.")
            }
            let person = state.person(body.handle)
            let reachable = chat.service == .iMessage ? person.iMessage : chat.service == .rcs ? person.rcs : person.sms
            guard reachable else { throw SimulatorError(400, 1005, "\(body.handle) cannot be reached on \(chat.service); start a new chat.") }
            let record = ChatHandle(id: ChatHandleID(SimulatorState.uuid()), handle: body.handle, joinedAt: now, service: chat.service, isMe: false, status: .active)
            chat.participants.append(record)
            chat.people.append(body.handle)
            state.record(.added(body.handle), by: chat.line, in: chat.id, at: now)
            emit(.participant(ParticipantEvent(change: .added, handle: body.handle, participant: record, chatID: chat.id, addedAt: now)), line: chat.line, state: &state)
        } else {
            guard body.handle != chat.line else { throw SimulatorError(400, 1005, "Our line cannot be removed; use /leave.") }
            guard let index = chat.participants.firstIndex(where: { $0.handle == body.handle && $0.status != .removed }) else {
                throw SimulatorError(400, 1005, "\(body.handle) is not in the chat.")
            }
            guard active.count - 1 >= 3 else { throw SimulatorError(400, 1005, "At least 3 participants must remain in a group.") }
            chat.participants[index].status = .removed
            chat.participants[index].leftAt = now
            chat.people.removeAll { $0 == body.handle }
            state.record(.removed(body.handle), by: chat.line, in: chat.id, at: now)
            emit(.participant(ParticipantEvent(change: .removed, handle: body.handle, participant: chat.participants[index], chatID: chat.id, removedAt: now)), line: chat.line, state: &state)
        }
        chat.updatedAt = now
        state.chats[chat.id] = chat
        return .json(202, LinqStatusResponse(message: adding ? "Participant added" : "Participant removed", status: "accepted", traceID: traceID))
    }
}
