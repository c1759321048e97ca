import Foundation
import LinqModels

/// The path every outbound message takes, with Linq's rules in Linq's order.
extension SimulatorAPI {
    /// Finds the chat Linq would reuse for `line` and exactly `people`, or makes a new one.
    func findOrMakeChat(line: String, people: [String], displayName: String?, state: inout SimulatorState) -> (SimulatorState.Chat, isNew: Bool) {
        let wanted = Set(people)
        if displayName == nil,
            let existing = state.chatOrder.compactMap({ state.chats[$0] }).first(where: {
                $0.line == line && !$0.left && Set($0.people) == wanted && ($0.displayName == nil || !$0.isGroup)
            })
        {
            return (existing, false)
        }
        return (makeChat(line: line, people: people, displayName: displayName, state: &state), true)
    }

    func makeChat(line: String, people: [String], displayName: String?, state: inout SimulatorState) -> SimulatorState.Chat {
        let isGroup = people.count > 1
        let persons = people.map { state.person($0) }
        let service: Service =
            persons.allSatisfy(\.iMessage) ? .iMessage : persons.allSatisfy { $0.iMessage || $0.rcs } ? .rcs : .sms
        var participants = [
            ChatHandle(
                id: ChatHandleID(SimulatorState.uuid()), handle: line, joinedAt: now, service: service, isMe: true,
                status: .active, lineType: .iMessage
            )
        ]
        participants += people.map {
            ChatHandle(id: ChatHandleID(SimulatorState.uuid()), handle: $0, joinedAt: now, service: service, isMe: false, status: .active)
        }
        let chat = SimulatorState.Chat(
            id: ChatID(SimulatorState.uuid()), line: line, people: people, participants: participants,
            displayName: isGroup ? displayName : nil, isGroup: isGroup, service: service, createdAt: now, updatedAt: now
        )
        state.chats[chat.id] = chat
        state.chatOrder.append(chat.id)
        state.messagesByChat[chat.id] = []
        emit(.chatCreated(ChatCreatedEvent(
            chatID: chat.id, createdAt: now, updatedAt: now, displayName: chat.displayName, handles: participants,
            healthStatus: Self.health(chat, at: now), isGroup: isGroup, service: service
        )), line: line, state: &state)
        return chat
    }

    /// Checks what Linq checks before any activity on a line.
    func checkLineCanWrite(_ number: String, state: SimulatorState) throws {
        if state.lines[number]?.flagged == true {
            throw SimulatorError(403, 2027, "The line \(number) is temporarily ineligible to send.")
        }
    }

    /// Validates content, applies opt-out, block and rate rules, stores the message and emits `message.sent`.
    func sendMessage(
        _ content: MessageContent, in chatID: ChatID, overrideOptOut: Bool, isNewChat: Bool, state: inout SimulatorState
    ) throws -> SimulatorState.Message {
        guard var chat = state.chats[chatID] else { throw SimulatorError.notFound("Chat \(chatID)", code: 2001) }
        if chat.left { throw SimulatorError(409, 2013, "Our line has left this chat.") }
        try checkLineCanWrite(chat.line, state: state)
        do {
            try content.validate(forNewChat: isNewChat)
        } catch {
            switch error {
            case .linkInNewChat, .urlInNewChatText, .replyToInNewChat, .effectInNewChat:
                throw SimulatorError(400, 1005, "\(error)")
            default:
                throw SimulatorError(400, 1004, "\(error)")
            }
        }
        guard let outgoing = content.parts else {
            throw SimulatorError(400, 1004, "Experiences are not simulated; send parts.")
        }
        if let replyTo = content.replyTo, state.messages[replyTo.messageID]?.chatID != chatID {
            throw SimulatorError(400, 1005, "reply_to.message_id \(replyTo.messageID) is not a message of this chat.")
        }
        if !chat.isGroup, let person = chat.people.first {
            if state.isBlocked(person) { throw SimulatorError(403, 2026, "\(person) is blocked.") }
            if state.enforceOptOut && state.person(person).optedOut && !overrideOptOut {
                throw SimulatorError(403, 2024, "\(person) has opted out of messages from this line.")
            }
        }
        try takePairBudget(line: chat.line, recipients: chat.people, state: &state)
        let parts = try reportedParts(outgoing, state: state)
        let immediateDelivery = configuration.deliveryDelay == .zero && !chat.isGroup && chat.service != .sms
        let message = SimulatorState.Message(
            id: MessageID(SimulatorState.uuid()), chatID: chatID, outbound: true, sender: chat.line, parts: parts,
            effect: content.effect, replyTo: content.replyTo, service: chat.service, preferredService: content.preferredService,
            idempotencyKey: content.idempotencyKey, createdAt: now, updatedAt: now, sentAt: now,
            deliveredAt: immediateDelivery ? now : nil, status: immediateDelivery ? .delivered : .sent
        )
        state.messages[message.id] = message
        state.messagesByChat[chatID, default: []].append(message.id)
        state.sentThroughAPI += 1
        state.use(line: chat.line)
        chat.updatedAt = now
        chat.lineTypingUntil = nil
        state.chats[chatID] = chat
        emitMessage(.sent, message, chat: chat, state: &state)
        if content.preferredService == .iMessage, chat.people.contains(where: { !state.person($0).iMessage }) {
            // Pinned to iMessage, which never falls back: the message fails.
            state.messages[message.id]?.status = .failed
            state.messages[message.id]?.deliveredAt = nil
            emit(.messageFailed(MessageFailedEvent(
                code: 4001, failedAt: now, chatID: chatID, messageID: message.id,
                reason: "The recipient cannot receive iMessage and preferred_service is iMessage.", service: .iMessage,
                preferredService: .iMessage
            )), line: chat.line, state: &state)
            return state.messages[message.id] ?? message
        }
        if immediateDelivery {
            emitMessage(.delivered, message, chat: chat, state: &state)
        } else if !chat.isGroup && chat.service != .sms {
            state.awaitingDelivery.append(message.id)
        }
        return message
    }

    /// Linq's per line–recipient limit: at most `perPairLimit` messages in any `perPairWindow`.
    func takePairBudget(line: String, recipients: [String], state: inout SimulatorState) throws {
        guard let limit = configuration.perPairLimit else { return }
        let window = Double(configuration.perPairWindow.components.seconds)
        var keys: [String] = []
        for recipient in recipients {
            let key = line + ">" + recipient
            let recent = (state.pairSends[key] ?? []).filter { now.timeIntervalSince($0) < window }
            state.pairSends[key] = recent
            if recent.count >= limit, let oldest = recent.first {
                let wait = max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
                throw SimulatorError(429, 1007, "Rate limit exceeded: \(limit) messages per \(Int(window)) s from \(line) to \(recipient).", retryAfter: wait)
            }
            keys.append(key)
        }
        for key in keys { state.pairSends[key, default: []].append(now) }
    }

    /// Replays the stored answer of an idempotency key, or runs `body` and stores its answer.
    func idempotent(
        _ key: String?, state: inout SimulatorState, _ body: (inout SimulatorState) throws -> (SimulatorResponse, MessageID?)
    ) throws -> SimulatorResponse {
        guard let key, !key.isEmpty else { return try body(&state).0 }
        if state.deletedKeys.contains(key) {
            throw SimulatorError(404, 2002, "The message sent with idempotency key \(key) was deleted; nothing was sent.")
        }
        if let stored = state.idempotency[key] {
            return SimulatorResponse(status: stored.status, headers: [("Content-Type", "application/json"), ("Idempotent-Replayed", "true")], body: stored.body)
        }
        let (response, messageID) = try body(&state)
        state.idempotency[key] = .init(status: response.status, body: response.body, messageID: messageID)
        return response
    }

    /// Linq's opt-out keywords: exact and case-sensitive, except OPT OUT in any case and spacing.
    static func isOptOutKeyword(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if ["STOP", "UNSUBSCRIBE", "OPTOUT", "CANCEL", "END", "QUIT"].contains(trimmed) { return true }
        let folded = trimmed.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
        return folded == "optout" && trimmed.count <= 7
    }
}
