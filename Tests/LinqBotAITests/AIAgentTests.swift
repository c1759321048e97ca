import Foundation
import LinqBot
import LinqBotAI
import LinqBotTesting
import LinqModels
import Testing

/// The agent in a chat on the in-process simulator: tool rounds, built-in tools, the answer
/// journal across a failure between bubbles, reset words and group chats.
@Suite struct AIAgentTests {
    static func configuration() -> AIAgentConfiguration {
        var configuration = AIAgentConfiguration(baseURL: URL(string: "http://127.0.0.1:9/v1")!, model: "test-model")
        configuration.systemPrompt = "Be brief."
        configuration.lineHealth.quietHours = nil
        return configuration
    }

    /// The person sends `text` and stays quiet for the burst window: what the bot sent meanwhile.
    static func say(_ text: String, to tester: BotTester, _ configuration: AIAgentConfiguration) async throws -> [String] {
        let before = try await tester.replies().count
        try await tester.send(text)
        try await tester.advance(by: configuration.burstWindow)
        return Array(try await tester.replies().dropFirst(before))
    }

    struct Day: Decodable { var day: String }

    static let hours = AITool("opening_hours", description: "The hours on a day of the week.") { (arguments: Day, _) in
        guard ["monday", "sunday"].contains(arguments.day) else { throw ToolError("no such day: \(arguments.day)") }
        return arguments.day == "sunday" ? "closed" : "7 am to 6 pm"
    }

    @Test("tool calls run, their results (and errors) go back to the model, and its next answer is sent")
    func runsTools() async throws {
        let model = ScriptedModel([
            .init(pieces: [], calls: [
                ToolCall(id: "c1", name: "opening_hours", arguments: #"{"day":"sunday"}"#),
                ToolCall(id: "c2", name: "opening_hours", arguments: #"{"day":"funday"}"#),
                ToolCall(id: "c3", name: "teleport", arguments: "{}"),
            ]),
            .init(pieces: ["We're closed on Sundays."]),
        ])
        let configuration = Self.configuration()
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model, tools: [Self.hours]))
        try await tester.run { () async throws in
            #expect(try await Self.say("Open on Sunday?", to: tester, configuration) == ["We're closed on Sundays."])
            #expect(model.requests.count == 2)
            #expect(model.requests[0].tools.map(\.name) == ["opening_hours"])
            #expect(model.requests[0].tools[0].parameters["required"] == ["day"])
            let results = model.requests[1].turns.filter { $0.role == .tool }
            #expect(results.map(\.toolCallID) == ["c1", "c2", "c3"])
            #expect(results.map(\.content) == ["closed", "error: no such day: funday", "error: there is no tool named teleport"])
            #expect(results.map(\.isError) == [nil, true, true])
            #expect(model.requests[1].turns.dropLast(3).last?.toolCalls?.count == 3)
        }
    }

    @Test("tool rounds are bounded: the last request offers no tools, so the turn ends with an answer")
    func boundsToolRounds() async throws {
        let call = ToolCall(id: "c", name: "opening_hours", arguments: #"{"day":"monday"}"#)
        let model = ScriptedModel([.init(pieces: [], calls: [call]), .init(pieces: [], calls: [call]), .init(pieces: ["7 am to 6 pm."])])
        var configuration = Self.configuration()
        configuration.maxToolRounds = 2
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model, tools: [Self.hours]))
        try await tester.run { () async throws in
            #expect(try await Self.say("Hours?", to: tester, configuration) == ["7 am to 6 pm."])
            #expect(model.requests.map(\.tools.count) == [1, 1, 0])
        }
    }

    @Test("built-in tools: a tapback, then a hand-off to a person with the hand-off message")
    func builtInHandOffAndReact() async throws {
        let model = ScriptedModel([
            .init(pieces: [], calls: [
                ToolCall(id: "r", name: "react", arguments: #"{"reaction":"love"}"#),
                ToolCall(id: "h", name: "hand_off", arguments: #"{"reason":"a refund"}"#),
            ]),
        ])
        var configuration = Self.configuration()
        configuration.builtInTools = [.handOff, .react]
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            #expect(try await Self.say("I want a refund, thanks!", to: tester, configuration) == [configuration.handOffMessage])
            #expect(try await tester.tapbacks().map(\.type) == ["love"])
            let chat = try #require(try await tester.chatID())
            #expect(try await tester.app.chat(chat).handOff?.reason == "a refund")
            #expect(model.requests.count == 1, "a hand-off ends the turn")
            #expect(try await Self.say("hello?", to: tester, configuration).isEmpty, "silent while a person has the chat")
        }
    }

    /// A model that schedules a follow-up about the cake in a day, then writes it when due; an
    /// agent with that tool; the chat once the person asked and the timer is stored.
    static func scheduleFollowUp() async throws -> (ScriptedModel, AIAgentConfiguration, BotTester) {
        let model = ScriptedModel([
            .init(pieces: ["Sure, I'll check in tomorrow."], calls: [
                ToolCall(id: "f", name: "schedule_follow_up", arguments: #"{"minutes":1440,"note":"the cake order"}"#),
            ]),
            .init(pieces: [""]),
            .init(pieces: ["Hi! Still want the cake for Saturday?"]),
        ])
        var configuration = Self.configuration()
        configuration.builtInTools = [.scheduleFollowUp]
        return (model, configuration, try await BotTester(bot: makeAIAgent(configuration, model: model)))
    }

    /// The person asks for the reminder: the answer, and the follow-up's timer in the chat.
    static func askForFollowUp(_ tester: BotTester, _ configuration: AIAgentConfiguration) async throws -> ChatID {
        #expect(try await Self.say("Remind me about the cake", to: tester, configuration) == ["Sure, I'll check in tomorrow."])
        let chat = try #require(try await tester.chatID())
        #expect(try await tester.app.chat(chat).timers.contains { $0.name == BuiltInTool.followUpTimer })
        return chat
    }

    @Test("built-in tools: a scheduled follow-up is a durable timer; when due the model writes it")
    func builtInFollowUp() async throws {
        let (model, configuration, tester) = try await Self.scheduleFollowUp()
        try await tester.run { () async throws in
            _ = try await Self.askForFollowUp(tester, configuration)
            try await tester.advance(by: .seconds(86_400))
            #expect(try await tester.replies().last == "Hi! Still want the cake for Saturday?")
            #expect(model.requests.last?.turns.last?.content.contains("the cake order") == true)
        }
    }

    @Test("built-in tools: ending the conversation forgets it")
    func builtInEnd() async throws {
        let model = ScriptedModel([.init(pieces: ["Bye!"], calls: [ToolCall(id: "e", name: "end_conversation", arguments: "{}")]), .init(pieces: [])])
        var configuration = Self.configuration()
        configuration.builtInTools = [.endConversation]
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            #expect(try await Self.say("That's all, thanks", to: tester, configuration) == ["Bye!"])
            #expect(try await tester.session()[ChatHistory.sessionKey] == nil)
        }
    }

    @Test("a failure between two bubbles: the retry sends the same answer's next bubble, not a new answer's")
    func journalKeepsOneAnswer() async throws {
        let model = ScriptedModel([
            .init(pieces: ["We have a table for two at 7 pm tonight.", "\n\nBring your own wine: there is no corkage fee."]),
            .init(pieces: ["A different answer.\n\nWith a different second bubble."]),
        ])
        var configuration = Self.configuration()
        configuration.minBubbleLength = 10
        let bot = makeAIAgent(configuration, model: model)
        bot.use(outbound: SendBreaker(failingAt: 2))
        let tester = try await BotTester(bot: bot)
        try await tester.run { () async throws in
            #expect(try await Self.say("A table tonight?", to: tester, configuration) == ["We have a table for two at 7 pm tonight."])
            try await tester.advance(by: .seconds(600))
            #expect(try await tester.replies() == ["We have a table for two at 7 pm tonight.", "Bring your own wine: there is no corkage fee."])
            #expect(model.requests.count == 1, "the model was not asked for a second answer")
            #expect(try await tester.deadLetters().isEmpty)
            let history = try await tester.session()[ChatHistory.sessionKey]
            #expect(history?["turns"]?[1]?["content"]?.stringValue?.hasPrefix("We have a table") == true)
        }
    }

    @Test("a reset word forgets the conversation")
    func resets() async throws {
        let model = ScriptedModel([.init(pieces: ["Hello!"]), .init(pieces: ["Hi again."])])
        let configuration = Self.configuration()
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            _ = try await Self.say("hello", to: tester, configuration)
            #expect(try await Self.say("RESET", to: tester, configuration) == [configuration.resetMessage])
            _ = try await Self.say("hi", to: tester, configuration)
            #expect(model.requests.last?.turns.map(\.content) == ["hi"])
        }
    }

    @Test("in a group chat the agent answers only messages that name it as a word; with no names it stays silent, with * it answers all",
          arguments: [[], ["Rosa"], ["*"]])
    func groupsNeedAddressing(_ names: [String]) async throws {
        let model = ScriptedModel([.init(pieces: ["Yes, 7 pm works."]), .init(pieces: ["Hi all!"])])
        var configuration = Self.configuration()
        configuration.groupNames = names
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            let chat = try await tester.startGroup(with: [tester.person, "+15555550177"])
            _ = try await tester.send("Rosalind, who's coming tonight?", in: chat, from: tester.person)
            try await tester.advance(by: configuration.burstWindow)
            #expect(model.requests.count == (names == ["*"] ? 1 : 0), "\(names)")
            _ = try await tester.send("@rosa can we book 7 pm?", in: chat, from: tester.person)
            try await tester.advance(by: configuration.burstWindow)
            let expected: [String] = names == ["Rosa"] ? ["Yes, 7 pm works."] : names.isEmpty ? [] : ["Yes, 7 pm works.", "Hi all!"]
            #expect(try await tester.replies(in: chat) == expected, "\(names)")
        }
    }

    @Test("turns that no longer fit the history are summarised, and the summary goes with the instructions")
    func summarisesHistory() async throws {
        let model = ScriptedModel([.init(pieces: ["One."]), .init(pieces: ["Two."]), .init(pieces: ["Three."])])
        let summarizer = ScriptedModel([.init(pieces: ["They asked about a cake."]), .init(pieces: ["A cake, then more."])])
        var configuration = Self.configuration()
        configuration.maxHistoryTurns = 2
        configuration.summarizer = HistorySummary.using(summarizer)
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            _ = try await Self.say("a cake?", to: tester, configuration)
            _ = try await Self.say("chocolate", to: tester, configuration)
            #expect(summarizer.requests.first?.turns.first?.content == "Person: a cake?\nAssistant: One.")
            #expect(model.requests.last?.systemPrompt == "Be brief.\n\nEarlier in this conversation: They asked about a cake.")
            #expect(model.requests.last?.turns.map(\.content) == ["chocolate"])
        }
    }
}
