public import LinqBot
import LinqModels

/// Builds the AI agent bot: a burst of short messages is one turn, each turn goes to `model`
/// (by default the configuration's ``AIAgentConfiguration/makeModel(client:)``), the model may
/// call `tools` and the configured built-ins, and the answer comes back as text bubbles.
/// `clock` (read at each turn) drives the typing refresh and the timeout; tests hand over their
/// tester's virtual clock.
///
/// ```swift
/// let bot = makeAIAgent(try .fromEnvironment())
/// await BotHost.runOrExit(bot)
/// ```
public func makeAIAgent(
    _ configuration: AIAgentConfiguration, model: (any ChatModel)? = nil, tools: [AITool] = [],
    clock: @escaping @Sendable () -> any Clock<Duration> = { ContinuousClock() }
) -> Bot {
    let bot = Bot(configuration: .init(
        botID: configuration.botID, burst: .coalesce(window: configuration.burstWindow, maxWait: configuration.burstMaxWait)
    ))
    bot.useLineHealth(configuration.lineHealth)
    let agent = AIAgent(configuration: configuration, model: model ?? configuration.makeModel(), tools: tools, clock: clock)
    bot.onText { context, _ in try await agent.respond(context) }
    // A photo without a caption is a turn too (with a caption, the text route above has it).
    bot.on(.media) { context in try await agent.respond(context) }
    bot.onTimer(BuiltInTool.followUpTimer) { context, timer in
        try await agent.followUp(context, note: timer.payload?["note"]?.stringValue ?? "the conversation")
    }
    // The answer journal's timer is never meant to fall due; should it, there is nothing to do.
    bot.onTimer(AnswerJournal.timerName) { _, _ in }
    return bot
}
