import Foundation
public import LinqBot
import LinqModels
import Logging

/// The glue between a chat and a language model: one turn per message (or burst of messages),
/// the chat's history in its session, the answer streamed into text bubbles with the typing
/// indicator up meanwhile, a hand-off to a person on request, and a fallback message when the
/// model fails. ``makeAIAgent(_:model:clock:)`` wires it into a ``LinqBot/Bot``.
public struct AIAgent: Sendable {
    /// The settings.
    public let configuration: AIAgentConfiguration
    /// The model that answers.
    public let model: any ChatModel
    /// The clock of the typing refresh and the timeout, read at each turn (a test clock in tests).
    public let clock: @Sendable () -> any Clock<Duration>

    /// Creates an agent. `clock` is read at each turn, so a test can hand over its tester's
    /// virtual clock after building the bot.
    public init(configuration: AIAgentConfiguration, model: any ChatModel, clock: @escaping @Sendable () -> any Clock<Duration> = { ContinuousClock() }) {
        self.configuration = configuration
        self.model = model
        self.clock = clock
    }

    /// Answers the person's turn in `context`: all texts of a coalesced burst are one turn.
    public func respond(_ context: ChatContext) async throws {
        let text = context.texts.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        if configuration.asksForPerson(text) {
            try await context.reply(configuration.handOffMessage)
            try await context.handOff(reason: "the person asked for a person")
            return
        }
        var history = context.session(ChatHistory.sessionKey, as: ChatHistory.self) ?? ChatHistory()
        history.append(ChatTurn(.user, text), maxTurns: configuration.maxHistoryTurns, maxCharacters: configuration.maxHistoryCharacters)
        context.setSession(ChatHistory.sessionKey, history)  // kept even when the model fails

        let isSMS = context.message?.service == .sms
        let relay = AnswerRelay(
            context: context, showsTyping: !isSMS, marker: configuration.handOffMarker,
            maxBubbleLength: isSMS ? configuration.maxSMSBubbleLength : configuration.maxBubbleLength,
            minBubbleLength: configuration.minBubbleLength
        )
        await relay.startTyping()
        do {
            try await stream([ChatTurn(.system, configuration.systemPrompt)] + history.turns, into: relay)
            try await relay.finish()
        } catch let error as AIAgentError {
            await relay.stopTyping()
            context.logger.error("the model gave no answer; the fallback message is sent", metadata: ["linq.ai_error": "\(error)"])
            try await context.reply(configuration.fallbackMessage)
            return
        }
        let answer = await relay.shown.trimmingCharacters(in: .whitespacesAndNewlines)
        if !answer.isEmpty {
            history.append(ChatTurn(.assistant, answer), maxTurns: configuration.maxHistoryTurns, maxCharacters: configuration.maxHistoryCharacters)
            context.setSession(ChatHistory.sessionKey, history)
        }
        if await relay.handOffRequested {
            if await relay.bubblesSent == 0 { try await context.reply(configuration.handOffMessage) }
            try await context.handOff(reason: "the model asked for a person")
        } else if answer.isEmpty {
            context.logger.error("the model's answer was empty; the fallback message is sent")
            try await context.reply(configuration.fallbackMessage)
        }
    }

    /// Runs the model into `relay`, racing it against the timeout and keeping typing alive.
    private func stream(_ turns: [ChatTurn], into relay: AnswerRelay) async throws {
        let (model, clock, timeout, refresh) = (model, clock(), configuration.timeout, configuration.typingRefresh)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await model.answer(turns) { text in try await relay.take(text) }
            }
            group.addTask {
                // Fails once a whole timeout passes without a piece of the answer.
                var seen = await relay.progress
                while true {
                    try await clock.sleep(for: timeout)
                    let now = await relay.progress
                    if now == seen { throw AIAgentError.timedOut }
                    seen = now
                }
            }
            group.addTask {
                while true {
                    try await clock.sleep(for: refresh)
                    await relay.refreshTyping()
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
