public import LinqModels

/// Where a turn stands in its chat's queue: the chat's inbox key and the position of the last
/// event the turn handles (the claimed message, or the last message of a burst it absorbed).
struct QueuePosition: Sendable, Hashable {
    var chatKey: String
    var sequence: Int64
}

extension ChatContext {
    /// The people's messages (texts, media, links) that arrived in this chat after this turn's
    /// and wait in its queue, oldest first, at most `limit`.
    ///
    /// A chat's events run one at a time, in order: these run after the handler returns. A
    /// handler that takes long (a language model writing an answer) can look here to see that
    /// the person said more meanwhile, stop early and leave the answer to the next turn, which
    /// then has everything said so far. Empty for a turn that did not come from the inbox (a
    /// proactive send started by business code).
    ///
    /// ```swift
    /// for part in answerParts {
    ///     if try await !ctx.waitingMessages().isEmpty { return }  // the next turn answers it all
    ///     try await ctx.reply(part)
    /// }
    /// ```
    public func waitingMessages(limit: Int = 20) async throws -> [WebhookEvent] {
        guard let queuePosition else { return [] }
        let pending = try await store.pendingEvents(chatKey: queuePosition.chatKey, after: queuePosition.sequence, limit: max(1, limit))
        return pending.compactMap { try? WebhookEvent.decode(from: $0.event.body) }.filter(BotDispatcher.isMessageTurn)
    }
}
