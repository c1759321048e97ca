import LinqAPI
import LinqModels

/// Runs an action through the outbound middlewares, then through the client.
struct OutboundChain: Sendable {
    let middlewares: [any OutboundMiddleware]
    /// Line health, when on: it runs after every middleware, right before the client, so no
    /// middleware or handler can get around it.
    let gate: LineHealthEngine?
    let client: LinqClient
    let context: ChatContext

    func run(_ action: OutboundAction) async throws -> OutboundResult {
        let result = try await step(0, action)
        if case .refused = result { RuntimeMetrics.outbound(action.kind, result: "refused") }
        return result
    }

    private func step(_ index: Int, _ action: OutboundAction) async throws -> OutboundResult {
        guard index < middlewares.count else {
            guard let gate else { return try await executeCounted(action) }
            return try await gate.handle(action, context: context) { try await executeCounted($0) }
        }
        return try await middlewares[index].handle(action, context: context) { next in try await step(index + 1, next) }
    }

    private func executeCounted(_ action: OutboundAction) async throws -> OutboundResult {
        do {
            let result = try await execute(action)
            RuntimeMetrics.outbound(action.kind, result: "accepted")
            return result
        } catch {
            RuntimeMetrics.outbound(action.kind, result: "failed")
            throw error
        }
    }

    private func execute(_ action: OutboundAction) async throws -> OutboundResult {
        if case .message(var content, let overrideOptOut) = action.kind {
            content.idempotencyKey = content.idempotencyKey ?? action.idempotencyKey
            let message: SentMessage
            let chat: ChatID
            if let chatID = action.chatID {
                let request = SendMessageRequest(message: content, overrideOptOut: overrideOptOut ? true : nil)
                message = try await client.chats.messages.send(to: chatID, request).message
                chat = chatID
            } else {
                guard let line = action.line, !action.recipients.isEmpty else { throw ChatContextError.noChat }
                try content.validate(forNewChat: true)
                let request = CreateChatRequest(from: line, to: action.recipients, message: content, overrideOptOut: overrideOptOut ? true : nil)
                let created = try await client.chats.create(request).chat
                (message, chat) = (created.message, created.id)
                context.chatStarted(chat)
            }
            CrashPoint.afterSend.reached()
            if let key = content.idempotencyKey {
                try await context.store.recordSent(SentMessageRecord(
                    idempotencyKey: key, chatKey: chat.rawValue, messageID: message.id.rawValue,
                    eventID: context.event.eventID.rawValue, sentAt: context.now
                ))
            }
            return .sent(message)
        }
        guard let chatID = action.chatID else { throw ChatContextError.noChat }
        switch action.kind {
        case .message:
            break
        case .reaction(let request, let messageID):
            _ = try await client.messages.react(to: messageID, request)
        case .typing(let on):
            if on { try await client.chats.typing.start(in: chatID) } else { try await client.chats.typing.stop(in: chatID) }
        case .markRead:
            try await client.chats.markRead(chatID)
        case .shareContactCard:
            try await client.chats.shareContactCard(in: chatID)
        }
        return .done
    }
}
