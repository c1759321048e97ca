import LinqBotAI
import Foundation
import LinqBot
import LinqBotTesting

/// Builds the agent against a fake model server and drives turns on the virtual clock.
struct AIAgentHarness {
    let bot: Bot
    let tester: BotTester
    let configuration: AIAgentConfiguration

    /// The configuration the tests start from: a short system prompt and a 3 s burst window.
    static func configuration(_ baseURL: URL) -> AIAgentConfiguration {
        var configuration = AIAgentConfiguration(baseURL: baseURL, model: "test-model")
        configuration.systemPrompt = "Be brief."
        return configuration
    }

    /// An agent on `baseURL`, its tester and the tester's clock handed to it.
    static func make(_ configuration: AIAgentConfiguration, model: (any ChatModel)? = nil, mode: BotTester.Mode = .inProcess) async throws -> AIAgentHarness {
        let slot = ClockSlot()
        let bot = makeAIAgent(configuration, model: model, clock: { slot.clock })
        let tester = try await BotTester(bot: bot, mode: mode)
        slot.set(tester.clock)
        return AIAgentHarness(bot: bot, tester: tester, configuration: configuration)
    }

    /// The person sends `text` and stays quiet for the burst window: returns what the bot sent meanwhile.
    func say(_ text: String) async throws -> [String] {
        let before = try await tester.replies().count
        try await tester.send(text)
        try await tester.advance(by: configuration.burstWindow)
        return Array(try await tester.replies().dropFirst(before))
    }
}
