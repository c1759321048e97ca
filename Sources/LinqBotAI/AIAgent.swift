import Foundation
public import LinqBot
import LinqModels
import Logging

/// The glue between a chat and a language model: one turn per message (or burst of messages),
/// the chat's history in its session, the answer streamed into text bubbles with the typing
/// indicator up meanwhile, tools the model may call, a hand-off to a person on request, and a
/// fallback message when the model fails. ``makeAIAgent(_:model:tools:clock:)`` wires it into a
/// ``LinqBot/Bot``.
///
/// An answer is journaled bubble by bubble before it is sent (``AnswerJournal``): a turn run
/// again after a crash sends the same bubbles under the same keys, and never mixes a second
/// answer into the first.
public struct AIAgent: Sendable {
    /// The settings.
    public let configuration: AIAgentConfiguration
    /// The model that answers.
    public let model: any ChatModel
    /// The tools the model may call: the configured built-ins, then the bot's own.
    public let tools: [AITool]
    /// The clock of the typing refresh and the timeout, read at each turn (a test clock in tests).
    public let clock: @Sendable () -> any Clock<Duration>

    /// Creates an agent. `clock` is read at each turn, so a test can hand over its tester's
    /// virtual clock after building the bot.
    public init(
        configuration: AIAgentConfiguration, model: any ChatModel, tools: [AITool] = [],
        clock: @escaping @Sendable () -> any Clock<Duration> = { ContinuousClock() }
    ) {
        self.configuration = configuration
        self.model = model
        self.tools = BuiltInTool.allCases.filter(configuration.builtInTools.contains).map(\.tool) + tools
        self.clock = clock
    }

    /// Answers the person's turn in `context`: all texts of a coalesced burst are one turn.
    public func respond(_ context: ChatContext) async throws {
        let text = context.texts.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        let images = context.attachments.filter { $0.mimeType.lowercased().hasPrefix("image/") }.map(\.url)
        guard !text.isEmpty || !images.isEmpty else { return }
        if context.isGroup == true, !configuration.isAddressed(text) { return }
        if configuration.isReset(text) {
            context.setSession(ChatHistory.sessionKey, nil as ChatHistory?)
            try await context.reply(configuration.resetMessage)
            return
        }
        if configuration.asksForPerson(text) {
            try await context.reply(configuration.handOffMessage)
            try await context.handOff(reason: "the person asked for a person")
            return
        }
        let saved = try await AnswerJournal.load(context)
        if saved == nil, try await TokenSpending(configuration).isSpent(context) {
            context.logger.notice("the person's daily token budget is spent; the budget message is sent")
            try await context.reply(configuration.budgetMessage)
            return
        }
        var history = context.session(ChatHistory.sessionKey, as: ChatHistory.self) ?? ChatHistory()
        var resuming = false
        if let stopped = saved, stopped.stopped == true, let answered = stopped.answeredTexts, answered < context.texts.count,
           await !newerTurnWaits(context) {
            // This turn ran before, stopped for newer messages, and crashed before it was stored;
            // now its burst holds those messages: the stopped answer, then one for them.
            let (before, after) = (context.texts.prefix(answered), context.texts.dropFirst(answered))
            await keep(ChatTurn(.user, before.joined(separator: "\n")), in: &history, context)
            let partial = stopped.bubbles.joined(separator: "\n\n")
            if !partial.isEmpty { await keep(ChatTurn(.assistant, partial), in: &history, context) }
            await keep(ChatTurn(.user, after.joined(separator: "\n")), in: &history, context)
            resuming = true
        } else {
            await keep(ChatTurn(.user, Self.withPlaceholder(text, images: images.count)), in: &history, context)
        }
        context.setSession(ChatHistory.sessionKey, history)  // kept even when the model fails
        var asking = history.turns
        if !resuming, configuration.sendsImages, !images.isEmpty, let last = asking.indices.last {
            // The images go to the model in this turn only; the history keeps the placeholder.
            asking[last] = .user(text, images: images)
        }
        try await answer(context, history: history, asking: asking, journal: saved, resuming: resuming)
    }

    /// Writes the follow-up a ``BuiltInTool/scheduleFollowUp`` call asked for, now that its
    /// timer fell due: a proactive message, so line health may hold or drop it.
    public func followUp(_ context: ChatContext, note: String) async throws {
        let history = context.session(ChatHistory.sessionKey, as: ChatHistory.self) ?? ChatHistory()
        let cue = ChatTurn(.user, "(No new message from the person. You scheduled a follow-up about: \(note). Write it now, briefly.)")
        try await answer(context, history: history, asking: history.turns + [cue], journal: try await AnswerJournal.load(context))
    }

    /// Streams the model's answer to `turns` into the chat and keeps it in `history`. `journal`
    /// is the turn's answer journal from a run before a crash: its bubbles are sent again; with
    /// `resuming` (a stopped answer whose turn now holds what it stopped for) a new answer follows.
    private func answer(
        _ context: ChatContext, history: ChatHistory, asking turns: [ChatTurn], journal: AnswerJournal?, resuming: Bool = false
    ) async throws {
        var history = history
        let isSMS = context.message?.service == .sms
        let relay = AnswerRelay(
            context: context, botID: configuration.botID, showsTyping: !isSMS && !context.isProactive, marker: configuration.handOffMarker,
            maxBubbleLength: isSMS ? configuration.maxSMSBubbleLength : configuration.maxBubbleLength,
            minBubbleLength: configuration.minBubbleLength, plainText: configuration.plainText,
            interrupted: { await newerTurnWaits(context) }
        )
        let turn = ToolTurn()
        var stopped = false
        if let saved = journal {
            // This turn ran before and crashed while its answer was going out: the same bubbles again.
            context.logger.notice("the answer journaled before a crash is sent again", metadata: ["linq.ai_bubbles": "\(saved.bubbles.count)"])
            try await relay.replay(saved)
            stopped = saved.stopped == true && !resuming
            if resuming { await relay.resume() }
        }
        if journal == nil || resuming {
            await relay.startTyping()
            do {
                try await converse(turns, instructions: instructions(history), relay: relay, turn: turn, context: context)
                try await relay.finish()
            } catch is TurnRestart {
                // The typing indicator stays up: the next turn answers at once.
                let sent = await relay.bubblesSent
                context.logger.info("a newer message arrived; the answer stops and the next turn answers everything", metadata: ["linq.ai_bubbles": "\(sent)"])
                try await relay.stop(answeredTexts: context.texts.count)
                stopped = true
            } catch let error as AIModelError {
                await relay.stopTyping()
                context.logger.error("the model gave no answer; the fallback message is sent", metadata: ["linq.ai_error": "\(error)"])
                if await relay.bubblesSent == 0 { try await context.reply(configuration.fallbackMessage) }
                return
            }
        }
        let answer = await (stopped ? relay.sentAnswer : relay.shown).trimmingCharacters(in: .whitespacesAndNewlines)
        if await turn.forgets {
            context.setSession(ChatHistory.sessionKey, nil as ChatHistory?)
        } else if !answer.isEmpty {
            await keep(ChatTurn(.assistant, answer), in: &history, context)
            context.setSession(ChatHistory.sessionKey, history)
        }
        if stopped, await turn.handOffReason == nil { return }
        if await relay.handOffRequested {
            if await relay.bubblesSent == 0 { try await context.reply(configuration.handOffMessage) }
            try await context.handOff(reason: "the model asked for a person")
        } else if let reason = await turn.handOffReason {
            if await relay.bubblesSent == 0 { try await context.reply(configuration.handOffMessage) }
            try await context.handOff(reason: reason)
        } else if answer.isEmpty, !context.isProactive, await !turn.ended {
            context.logger.error("the model's answer was empty; the fallback message is sent")
            try await context.reply(configuration.fallbackMessage)
        }
    }

    /// `text` followed by the placeholder for `images` images (just `text` for none).
    private static func withPlaceholder(_ text: String, images: Int) -> String {
        guard images > 0 else { return text }
        let placeholder = ChatTurn.imagePlaceholder(count: images)
        return text.isEmpty ? placeholder : text + "\n" + placeholder
    }

    /// Whether, under ``TurnPolicy/restart``, a newer message the agent will answer waits in
    /// the chat's queue (a text; in a group, one addressed to the agent), so the answer in
    /// progress should stop. A store that cannot tell lets the answer go on.
    private func newerTurnWaits(_ context: ChatContext) async -> Bool {
        guard configuration.turnPolicy == .restart else { return false }
        do {
            return try await context.waitingMessages().contains { event in
                guard let text = event.message?.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return false }
                return event.message?.isGroup != true || configuration.isAddressed(text)
            }
        } catch {
            context.logger.warning("the chat's queue could not be read; the answer goes on", metadata: ["linq.error": "\(error)"])
            return false
        }
    }

    /// Adds `turn` to `history` within its budget; the turns that give way are summarised when
    /// a summarizer is set (a failing one leaves the summary as it was).
    private func keep(_ turn: ChatTurn, in history: inout ChatHistory, _ context: ChatContext) async {
        let dropped = history.append(turn, maxTurns: configuration.maxHistoryTurns, maxCharacters: configuration.maxHistoryCharacters)
        guard let summarizer = configuration.summarizer, !dropped.isEmpty else { return }
        do {
            history.summary = try await summarizer(history.summary, dropped)
        } catch {
            context.logger.warning("the history could not be summarised", metadata: ["linq.ai_error": "\(error)"])
        }
    }

    /// The instructions, with the summary of the turns that no longer fit.
    private func instructions(_ history: ChatHistory) -> String {
        guard let summary = history.summary, !summary.isEmpty else { return configuration.systemPrompt }
        return configuration.systemPrompt + "\n\nEarlier in this conversation: " + summary
    }

    /// Asks the model, runs the tools it calls and asks again, at most
    /// ``AIAgentConfiguration/maxToolRounds`` times; the last request offers no tools.
    private func converse(_ turns: [ChatTurn], instructions: String, relay: AnswerRelay, turn: ToolTurn, context: ChatContext) async throws {
        var turns = turns
        let definitions = tools.map(\.definition)
        for round in 0...configuration.maxToolRounds {
            if round > 0 {
                try await relay.checkInterruption()
                try await relay.startRound()
            }
            let offered = round < configuration.maxToolRounds ? definitions : []
            let response = try await stream(ModelRequest(systemPrompt: instructions, turns: turns, tools: offered), into: relay)
            if let usage = response.usage { await TokenSpending(configuration).record(usage, context) }
            guard !response.toolCalls.isEmpty, await !relay.handOffRequested else { return }
            turns.append(.assistant(response.text, calling: response.toolCalls))
            for call in response.toolCalls {
                let result: (text: String, isError: Bool)
                if let tool = tools.first(where: { $0.definition.name == call.name }) {
                    result = await tool.run(call, ToolInvocation(context: context, call: call, turn: turn))
                } else {
                    result = ("error: there is no tool named \(call.name)", true)
                }
                context.logger.info("tool called", metadata: ["linq.ai_tool": "\(call.name)", "linq.ai_tool_failed": "\(result.isError)"])
                turns.append(.toolResult(result.text, for: call.id, isError: result.isError))
            }
            if await turn.ended { return }
        }
    }

    /// Runs one model call into `relay`, racing it against the timeout and keeping typing alive.
    private func stream(_ request: ModelRequest, into relay: AnswerRelay) async throws -> ModelResponse {
        let (model, clock, timeout, refresh) = (model, clock(), configuration.timeout, configuration.typingRefresh)
        return try await withThrowingTaskGroup(of: ModelResponse?.self) { group in
            group.addTask {
                try await model.respond(to: request) { text in try await relay.take(text) }
            }
            group.addTask {
                // Fails once a whole timeout passes without a piece of the answer.
                var seen = await relay.progress
                while true {
                    try await clock.sleep(for: timeout)
                    let now = await relay.progress
                    if now == seen { throw AIModelError.timedOut }
                    seen = now
                }
            }
            group.addTask {
                while true {
                    try await clock.sleep(for: refresh)
                    // A long silence of the model is a chance to see that the person wrote again.
                    try await relay.checkInterruption()
                    await relay.refreshTyping()
                }
            }
            defer { group.cancelAll() }
            guard let response = try await group.next() ?? nil else { throw AIModelError.malformed("no answer") }
            return response
        }
    }
}
