import Foundation
import LinqBot
import LinqBotAI
import LinqBotTesting
import LinqModels
import Testing

/// What an answer costs and where it goes: the daily token budget per person, the running
/// total in the chat, bubbles sized for SMS, and the media tool.
@Suite struct AIAgentCostTests {
    @Test("a person's daily token budget: once spent, turns get the budget message without a model call, until the next local day")
    func dailyTokenBudget() async throws {
        let model = ScriptedModel([
            .init(pieces: ["We bake at 6."], usage: TokenUsage(inputTokens: 70, outputTokens: 40)),
            .init(pieces: ["Sourdough, rye and spelt."], usage: TokenUsage(inputTokens: 90, outputTokens: 20)),
            .init(pieces: ["Fresh bread is out."], usage: TokenUsage(inputTokens: 80, outputTokens: 10)),
        ])
        var configuration = AIAgentTests.configuration()
        configuration.dailyTokenBudget = 100
        let (person, other) = ("+15555550191", "+15555550192")
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            try await tester.send("When do you bake?", from: person)
            try await tester.advance(by: configuration.burstWindow)
            #expect(try await tester.replies(to: person) == ["We bake at 6."])
            try await tester.send("And which breads?", from: person)
            try await tester.advance(by: configuration.burstWindow)
            #expect(try await tester.replies(to: person).last == configuration.budgetMessage)
            #expect(model.requests.count == 1, "no model call once the budget is spent")
            // Another person has a budget of their own.
            try await tester.send("Which breads?", from: other)
            try await tester.advance(by: configuration.burstWindow)
            #expect(try await tester.replies(to: other) == ["Sourdough, rye and spelt."])
            #expect(model.requests.count == 2)
            let total = try await tester.session(with: person)["linqbot.ai_tokens"]
            #expect(total?["calls"] == 1 && total?["inputTokens"] == 70 && total?["outputTokens"] == 40, "\(String(describing: total))")
            // The next local day, the budget is whole again.
            try await tester.advance(by: .seconds(86_400))
            try await tester.send("Good morning!", from: person)
            try await tester.advance(by: configuration.burstWindow)
            #expect(try await tester.replies(to: person).last == "Fresh bread is out.")
            #expect(model.requests.count == 3)
        }
    }

    @Test("on SMS the answer's bubbles stay within the SMS length, cut at sentence ends")
    func smsBubbles() async throws {
        let sentences = (1...6).map { "Sentence number \($0) of a long answer about our opening hours." }
        let model = ScriptedModel([.init(pieces: [sentences.joined(separator: " ")])])
        var configuration = AIAgentTests.configuration()
        configuration.maxSMSBubbleLength = 140
        configuration.minBubbleLength = 300  // on iMessage the answer would come in two long bubbles
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            try await tester.setCapabilities(iMessage: false)
            let replies = try await AIAgentTests.say("Hours?", to: tester, configuration)
            #expect(replies.count >= 3 && replies.allSatisfy { $0.count <= 140 && $0.hasSuffix(".") }, "\(replies)")
            #expect(replies.joined(separator: " ") == sentences.joined(separator: " "))
        }
    }

    @Test("a scheduled follow-up goes through line health: after STOP its timer is gone, no model call, nothing sent")
    func followUpAfterStop() async throws {
        let (model, configuration, tester) = try await AIAgentTests.scheduleFollowUp()
        try await tester.run { () async throws in
            let chat = try await AIAgentTests.askForFollowUp(tester, configuration)
            let stopped = try await AIAgentTests.say("STOP", to: tester, configuration)
            #expect(stopped.count == 1, "one confirmation: \(stopped)")
            #expect(try await tester.app.chat(chat).timers.isEmpty)
            try await tester.advance(by: .seconds(2 * 86_400))
            #expect(model.requests.count == 2, "no model call for the follow-up")
            #expect(try await tester.replies().count == 2)
        }
    }

    @Test("built-in tools: send_media sends the file with its caption; a URL that is not https goes back to the model as an error")
    func builtInSendMedia() async throws {
        let model = ScriptedModel([
            .init(pieces: [], calls: [
                ToolCall(id: "m1", name: "send_media", arguments: #"{"url":"http://example.com/menu.pdf"}"#),
                ToolCall(id: "m2", name: "send_media", arguments: #"{"url":"https://cdn.example.com/menu.pdf","caption":"Our menu"}"#),
            ]),
            .init(pieces: ["There you go."]),
        ])
        var configuration = AIAgentTests.configuration()
        configuration.builtInTools = [.sendMedia]
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            let replies = try await AIAgentTests.say("Can I see the menu?", to: tester, configuration)
            #expect(replies.contains("There you go."))
            let media = try await tester.media()
            #expect(media.map(\.url) == ["https://cdn.example.com/menu.pdf"])
            let results = model.requests[1].turns.filter { $0.role == .tool }
            #expect(results.map(\.content) == ["error: the url must be an https URL", "Sent."])
        }
    }
}
