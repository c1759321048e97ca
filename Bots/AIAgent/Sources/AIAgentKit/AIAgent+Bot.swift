public import LinqBot

/// Builds the AI agent bot: a burst of short messages is one turn, each turn goes to `model`
/// (by default ``OpenAIChatModel`` at the configured base URL), and the answer comes back as
/// text bubbles. `clock` (read at each turn) drives the typing refresh and the timeout; tests
/// hand over their tester's virtual clock.
///
/// ```swift
/// let bot = makeAIAgent(try .fromEnvironment())
/// await BotHost.runOrExit(bot)
/// ```
public func makeAIAgent(
    _ configuration: AIAgentConfiguration, model: (any ChatModel)? = nil, clock: @escaping @Sendable () -> any Clock<Duration> = { ContinuousClock() }
) -> Bot {
    let bot = Bot(configuration: .init(
        botID: configuration.botID, burst: .coalesce(window: configuration.burstWindow, maxWait: configuration.burstMaxWait)
    ))
    bot.useLineHealth(configuration.lineHealth)
    let model = model ?? OpenAIChatModel(
        baseURL: configuration.baseURL, model: configuration.model, apiKey: configuration.apiKey, temperature: configuration.temperature
    )
    let agent = AIAgent(configuration: configuration, model: model, clock: clock)
    bot.onText { context, _ in try await agent.respond(context) }
    return bot
}
