import Foundation
import LinqModels

/// `/sim/…`: play the people on the other side and look inside the simulator.
extension SimulatorAPI {
    func handleControl(_ request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        let rest = Array(request.segments.dropFirst())
        switch (request.method, rest.count, rest.first ?? "") {
        case ("GET", 1, "state"):
            return .json(200, ControlView.state(state, api: self))
        case ("GET", 1, "deliveries"):
            return .json(200, ["deliveries": state.deliveries])
        case ("POST", 1, "reset"):
            let version = state.version
            state = SimulatorState(configuration: configuration)
            state.version = version
            return .json(200, ["ok": true])
        case ("POST", 1, "rules"):
            let body = try decode(ControlRulesRequest.self, from: request)
            if let enforce = body.enforceOptOut { state.enforceOptOut = enforce }
            if let seconds = body.rateLimitSeconds {
                guard seconds >= 0, seconds <= 86_400 else { throw SimulatorError(400, 1005, "rate_limit_seconds must be 0 to 86400.") }
                let retryAfter = body.retryAfter ?? 7
                guard retryAfter >= 0 else { throw SimulatorError(400, 1005, "retry_after must not be negative.") }
                state.rateStorm = seconds == 0 ? nil : (now.addingTimeInterval(seconds), retryAfter)
            }
            return .json(200, ControlView.rules(state))
        case ("GET", 1, "faults"):
            return .json(200, ControlView.outage(state.outage))
        case ("POST", 1, "faults"):
            let body = try decode(ControlFaultsRequest.self, from: request)
            let hang = body.hangSeconds ?? 30
            guard hang > 0, hang <= 3600 else { throw SimulatorError(400, 1005, "hang_seconds must be above 0 and at most 3600.") }
            if let seconds = body.seconds, !(seconds >= 0 && seconds <= 86_400) {
                throw SimulatorError(400, 1005, "seconds must be 0 to 86400.")
            }
            let outage = SimulatorOutage(
                unavailableRate: body.unavailableRate ?? 0, timeoutRate: body.timeoutRate ?? 0, resetRate: body.resetRate ?? 0,
                hang: .milliseconds(Int64(hang * 1000)), until: body.seconds.map { now.addingTimeInterval($0) }
            )
            if let problem = outage.problem { throw SimulatorError(400, 1005, problem) }
            state.outage = outage
            return .json(200, ControlView.outage(outage))
        case ("GET", 1, "requests"):
            let handle = request.query["handle"]
            return .json(200, ["requests": state.requestLog.filter { handle == nil || $0.recipients.contains(handle!) }])
        case ("POST", 1, "groups"):
            let body = try decode(ControlGroupRequest.self, from: request)
            _ = try line(body.line, in: state)
            guard body.handles.count >= 2, body.handles.count <= 31 else { throw SimulatorError(400, 1005, "A group needs 2 to 31 people.") }
            for handle in body.handles { try checkHandle(handle) }
            let chat = makeChat(line: body.line, people: body.handles, displayName: body.displayName, state: &state)
            return .json(200, ["chat_id": chat.id.rawValue])
        case ("POST", 3, "chats") where rest[2] == "health":
            return try setChatHealth(rest[1], request: request, state: &state)
        case ("GET", 3, "chats") where rest[2] == "messages":
            let chat = try chat(rest[1], in: state)
            return .json(200, ControlView.conversation(chat, state: state, now: now))
        case ("GET", 3, "chats") where rest[2] == "timeline":
            return .json(200, ControlView.timeline(try chat(rest[1], in: state), state: state))
        case ("POST", 3, "handles") where rest[2] == "edits" || rest[2] == "participants":
            return try handlePersonChange(rest[1], action: rest[2], request: request, state: &state)
        case (_, 3, "handles"):
            return try handlePerson(rest[1], action: rest[2], request: request, state: &state)
        case ("GET", 3, "lines") where rest[2] == "sent":
            _ = try line(rest[1], in: state)
            let person = request.query["handle"]
            let sent = state.chatOrder.compactMap { state.chats[$0] }.filter { $0.line == rest[1] && (person == nil || $0.people.contains(person!)) }
                .flatMap { chat in (state.messagesByChat[chat.id] ?? []).compactMap { state.messages[$0] }.filter(\.outbound) }
                .sorted { $0.createdAt < $1.createdAt }
            return .json(200, ["messages": sent.map { ControlView.message($0) }])
        case ("POST", 3, "lines") where rest[2] == "flag" || rest[2] == "unflag":
            var line = try line(rest[1], in: state)
            let flag = rest[2] == "flag"
            if line.flagged != flag {
                line.flagged = flag
                state.lines[line.phoneNumber] = line
                emit(.phoneNumberStatus(PhoneNumberStatusEvent(
                    phoneNumber: line.phoneNumber, previousStatus: flag ? .active : .flagged, newStatus: flag ? .flagged : .active,
                    previousReputation: flag ? .healthy : .critical, newReputation: flag ? .critical : .healthy, changedAt: now
                )), line: line.phoneNumber, state: &state)
            }
            return .json(200, ["phone_number": line.phoneNumber, "status": flag ? "FLAGGED" : "ACTIVE"])
        default:
            throw SimulatorError(404, 1005, "No control endpoint \(request.method) /\(request.segments.joined(separator: "/")).")
        }
    }

    /// `PUT /sim/uploads/{id}`: the presigned upload of an attachment's bytes.
    func upload(_ request: SimulatorRequest, state: inout SimulatorState) -> SimulatorResponse {
        let id = AttachmentID(request.segments[2])
        guard var attachment = state.attachments[id] else {
            return SimulatorError.notFound("Attachment \(id)", code: 2003).response(traceID: traceID)
        }
        guard request.body.count == attachment.sizeBytes else {
            return SimulatorError(400, 5005, "Expected exactly \(attachment.sizeBytes) bytes, got \(request.body.count).").response(traceID: traceID)
        }
        attachment.uploaded = true
        attachment.bytes = request.body
        state.attachments[id] = attachment
        return .empty(200)
    }

    private func handlePerson(_ handle: String, action: String, request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        try checkHandle(handle)
        switch (request.method, action) {
        case ("POST", "messages"):
            let body = try decode(ControlMessageRequest.self, from: request)
            return try receive(from: handle, body, state: &state)
        case ("POST", "reactions"):
            let body = try decode(ControlReactionRequest.self, from: request)
            var message = try message(body.messageID, in: state)
            let chat = try chat(message.chatID.rawValue, in: state)
            guard chat.people.contains(handle) else { throw SimulatorError(400, 1005, "\(handle) is not in that chat.") }
            let remove = body.operation == "remove"
            let type = ReactionType(rawValue: body.type)
            message.reactions.removeAll { $0.handle == handle && $0.partIndex == 0 }
            let id = ReactionID(SimulatorState.uuid())
            if !remove { message.reactions.append(.init(id: id, handle: handle, type: type, customEmoji: body.customEmoji, partIndex: 0)) }
            state.messages[message.id] = message
            state.record(.reaction(message.id, type: type, customEmoji: body.customEmoji, removed: remove), by: handle, in: chat.id, at: now)
            emit(.reaction(ReactionEvent(
                action: remove ? .removed : .added, isFromMe: false, reactionType: type, chatID: chat.id, messageID: message.id,
                partIndex: 0, from: handle, fromHandle: self.handle(handle, in: chat), customEmoji: body.customEmoji,
                reactionID: id, reactedAt: now, service: chat.service
            )), line: chat.line, state: &state)
            return .json(200, ["ok": true])
        case ("POST", "typing"):
            let body = try decode(ControlTypingRequest.self, from: request)
            var chat = try personChat(handle, chatID: body.chatID, line: body.line, state: &state)
            let changed = body.typing ? chat.typing.insert(handle).inserted : chat.typing.remove(handle) != nil
            state.chats[chat.id] = chat
            if changed {
                emit(.typingIndicator(TypingIndicatorEvent(isTyping: body.typing, chatID: chat.id, actorHandle: self.handle(handle, in: chat))), line: chat.line, state: &state)
            }
            return .json(200, ["ok": true])
        case ("POST", "read"):
            let body = try decode(ControlReadRequest.self, from: request)
            let chat = try chat(body.chatID, in: state)
            guard chat.people.contains(handle) else { throw SimulatorError(400, 1005, "\(handle) is not in that chat.") }
            for id in state.messagesByChat[chat.id] ?? [] {
                guard var message = state.messages[id], message.outbound, message.kind == "message", message.readAt == nil else { continue }
                message.deliveredAt = message.deliveredAt ?? now
                message.readAt = now
                message.status = .read
                state.messages[id] = message
                // Groups have no receipts; SMS has none either.
                if !chat.isGroup, chat.service != .sms { emitMessage(.read, message, chat: chat, state: &state) }
            }
            return .json(200, ["ok": true])
        case ("POST", "contact_card"):
            let body = try decode(ControlCardRequest.self, from: request)
            _ = try line(body.line, in: state)
            state.recordCard(from: handle, line: body.line, firstName: body.firstName, lastName: body.lastName ?? "", at: now)
            emit(.contactCard(ContactCardReceivedEvent(
                firstName: body.firstName, lastName: body.lastName ?? "", ownerHandle: body.line, senderHandle: handle, mediaURL: body.imageURL
            )), line: body.line, state: &state)
            return .json(200, ["ok": true])
        case ("PUT", "capabilities"):
            let body = try decode(ControlCapabilities.self, from: request)
            var person = state.person(handle)
            person.iMessage = body.imessage
            person.rcs = body.rcs
            person.sms = body.sms
            state.people[handle] = person
            return .json(200, ControlView.person(person))
        default:
            throw SimulatorError(404, 1005, "No control endpoint \(request.method) /sim/handles/\(handle)/\(action).")
        }
    }

    private func personChat(_ handle: String, chatID: String?, line: String?, state: inout SimulatorState) throws -> SimulatorState.Chat {
        if let chatID {
            let chat = try chat(chatID, in: state)
            guard chat.people.contains(handle) else { throw SimulatorError(400, 1005, "\(handle) is not in chat \(chatID).") }
            return chat
        }
        guard let number = line ?? state.lineOrder.first else { throw SimulatorError(400, 1001, "Give line or chat_id.") }
        _ = try self.line(number, in: state)
        return findOrMakeChat(line: number, people: [handle], displayName: nil, state: &state).0
    }

    /// A person's message arriving at a line: opt-out bookkeeping, storage and `message.received`.
    private func receive(from handle: String, _ body: ControlMessageRequest, state: inout SimulatorState) throws -> SimulatorResponse {
        var chat = try personChat(handle, chatID: body.chatID, line: body.line, state: &state)
        var parts: [MessagePart] = []
        if let text = body.text, !text.isEmpty { parts.append(.text(TextPart(value: text))) }
        if let media = personMedia(body) { parts.append(media) }
        guard !parts.isEmpty else { throw SimulatorError(400, 1004, "Send text or media_url.") }
        if state.isBlocked(handle) {
            return .json(200, ["chat_id": chat.id.rawValue, "message_id": "", "dropped": "blocked"])
        }
        // Linq's rule: a keyword opts the person out (DM only); any other message opts them back in.
        var person = state.person(handle)
        let keyword = body.text.map(Self.isOptOutKeyword) ?? false
        if keyword && !chat.isGroup {
            person.optedOut = true
            chat.optedOutDM = true
        } else if !keyword && person.optedOut {
            person.optedOut = false
            for id in state.chatOrder where state.chats[id]?.people == [handle] { state.chats[id]?.optedOutDM = false }
            chat.optedOutDM = chat.isGroup ? chat.optedOutDM : false
        }
        state.people[handle] = person
        let replyTo = body.replyTo.map { ReplyTo(messageID: MessageID($0), partIndex: 0) }
        let message = SimulatorState.Message(
            id: MessageID(SimulatorState.uuid()), chatID: chat.id, outbound: false, sender: handle, parts: parts, replyTo: replyTo,
            service: chat.service, createdAt: now, updatedAt: now, sentAt: now, status: .received
        )
        chat.typing.remove(handle)
        chat.updatedAt = now
        state.chats[chat.id] = chat
        state.messages[message.id] = message
        state.messagesByChat[chat.id, default: []].append(message.id)
        emitMessage(.received, message, chat: chat, state: &state)
        return .json(200, ["chat_id": chat.id.rawValue, "message_id": message.id.rawValue])
    }
}
