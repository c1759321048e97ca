import LinqAPI
import LinqModels

/// Runs an action through the outbound middlewares, then through the client.
struct OutboundChain: Sendable {
    let middlewares: [any OutboundMiddleware]
    let client: LinqClient
    let context: ChatContext

    func run(_ action: OutboundAction) async throws -> OutboundResult {
        let result = try await step(0, action)
        if case .refused = result { RuntimeMetrics.outbound(action.kind, result: "refused") }
        return result
    }

    private func step(_ index: Int, _ action: OutboundAction) async throws -> OutboundResult {
        guard index < middlewares.count else { return try await executeCounted(action) }
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
        switch action.kind {
        case .message(var content, let overrideOptOut):
            content.idempotencyKey = content.idempotencyKey ?? action.idempotencyKey
            let response = try await client.chats.messages.send(to: action.chatID, SendMessageRequest(message: content, overrideOptOut: overrideOptOut ? true : nil))
            CrashPoint.afterSend.reached()
            if let key = content.idempotencyKey {
                try await context.store.recordSent(SentMessageRecord(
                    idempotencyKey: key, chatKey: action.chatID.rawValue, messageID: response.message.id.rawValue,
                    eventID: context.event.eventID.rawValue, sentAt: context.now
                ))
            }
            return .sent(response.message)
        case .reaction(let request, let messageID):
            _ = try await client.messages.react(to: messageID, request)
        case .typing(let on):
            if on { try await client.chats.typing.start(in: action.chatID) } else { try await client.chats.typing.stop(in: action.chatID) }
        case .markRead:
            try await client.chats.markRead(action.chatID)
        case .shareContactCard:
            try await client.chats.shareContactCard(in: action.chatID)
        }
        return .done
    }
}
