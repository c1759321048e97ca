import Foundation
import LinqBot
import LinqBotAI
import LinqBotTesting
import LinqModels
import Testing

/// The person writes again while the model still writes its answer: under the restart policy
/// the answer stops before its next bubble and one answer covers everything; under the queue
/// policy the answer goes on and the new message is answered after it.
@Suite struct TurnPolicyTests {
    /// A three-bubble answer (a paragraph each), then the answer to the follow-up question.
    static func model() -> ScriptedModel {
        ScriptedModel([
            .init(pieces: ["We open at 7 am on weekdays.", "\n\nOn Saturdays we open at 8 am.", "\n\nWe close at 6 pm every day."]),
            .init(pieces: ["On Sundays we're closed."]),
        ])
    }

    static func configuration(_ policy: TurnPolicy) -> AIAgentConfiguration {
        var configuration = AIAgentTests.configuration()
        configuration.turnPolicy = policy
        return configuration
    }

    /// The person asks for the hours; while the second bubble is being written they ask about
    /// Sunday; then both burst windows pass.
    static func converse(_ model: ScriptedModel, _ configuration: AIAgentConfiguration) async throws -> (replies: [String], tester: BotTester) {
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        var replies: [String] = []
        try await tester.run { () async throws in
            // The first bubble went out with piece 1 (its paragraph break); piece 2 ends the second.
            model.interrupt(beforePiece: 2) { try await tester.deliver("And on Sunday?") }
            try await tester.send("What are your hours?")
            try await tester.advance(by: configuration.burstWindow)
            try await tester.advance(by: configuration.burstWindow)
            replies = try await tester.replies()
        }
        return (replies, tester)
    }

    @Test("restart: the answer stops before its next bubble, and one answer covers the earlier words and the new message")
    func restarts() async throws {
        let model = Self.model()
        let configuration = Self.configuration(.restart)
        let (replies, tester) = try await Self.converse(model, configuration)
        #expect(replies == ["We open at 7 am on weekdays.", "On Sundays we're closed."])
        #expect(model.requests.count == 2)
        #expect(model.finished == 1, "the first answer's stream was cancelled")
        #expect(model.requests[1].turns.map(\.role) == [.user, .assistant, .user])
        #expect(model.requests[1].turns.map(\.content) == ["What are your hours?", "We open at 7 am on weekdays.", "And on Sunday?"])
        #expect(try await tester.deadLetters().isEmpty)
        let history = try await tester.session()[ChatHistory.sessionKey]?["turns"]
        #expect(history?[3]?["content"]?.stringValue == "On Sundays we're closed.")
        #expect(try await tester.store.pendingCount() == 0)
    }

    @Test("restart, then a failure before the turn is stored: the run again sends the bubble under its key (shown once) and one answer covers the new message")
    func restartSurvivesARunAgain() async throws {
        let model = Self.model()
        let configuration = Self.configuration(.restart)
        let bot = makeAIAgent(configuration, model: model)
        bot.use(FailAfterFirstTurn())
        let tester = try await BotTester(bot: bot)
        try await tester.run { () async throws in
            model.interrupt(beforePiece: 2) { try await tester.deliver("And on Sunday?") }
            try await tester.send("What are your hours?")
            try await tester.advance(by: configuration.burstWindow)
            try await tester.advance(by: .seconds(600))
            #expect(try await tester.replies() == ["We open at 7 am on weekdays.", "On Sundays we're closed."])
            #expect(model.requests.count == 2, "the run again asked the model nothing")
            #expect(model.requests[1].turns.map(\.content) == ["What are your hours?", "We open at 7 am on weekdays.", "And on Sunday?"])
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("queue: the answer goes on to its end, and the new message is answered after it")
    func queues() async throws {
        let model = Self.model()
        let configuration = Self.configuration(.queue)
        let (replies, _) = try await Self.converse(model, configuration)
        #expect(replies == ["We open at 7 am on weekdays.", "On Saturdays we open at 8 am.", "We close at 6 pm every day.", "On Sundays we're closed."])
        #expect(model.finished == 2)
        #expect(model.requests[1].turns.map(\.content) == [
            "What are your hours?", "We open at 7 am on weekdays.\n\nOn Saturdays we open at 8 am.\n\nWe close at 6 pm every day.", "And on Sunday?",
        ])
    }

    @Test("restart before the first bubble: nothing of the first answer is sent, and the history keeps both messages")
    func restartsBeforeAnyBubble() async throws {
        let model = ScriptedModel([
            .init(pieces: ["We open at 7 am on weekdays.", "\n\nOn Saturdays we open at 8 am."]),
            .init(pieces: ["Weekdays from 7 am; Sundays we're closed."]),
        ])
        let configuration = Self.configuration(.restart)
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            model.interrupt(beforePiece: 1) { try await tester.deliver("And on Sunday?") }
            try await tester.send("What are your hours?")
            try await tester.advance(by: configuration.burstWindow)
            try await tester.advance(by: configuration.burstWindow)
            #expect(try await tester.replies() == ["Weekdays from 7 am; Sundays we're closed."])
            #expect(model.requests.last?.turns.map(\.content) == ["What are your hours?", "And on Sunday?"])
        }
    }

    @Test("restart in a group: a message that does not name the agent lets the answer go on")
    func groupChatterDoesNotRestart() async throws {
        let model = Self.model()
        var configuration = Self.configuration(.restart)
        configuration.groupNames = ["Rosa"]
        let tester = try await BotTester(bot: makeAIAgent(configuration, model: model))
        try await tester.run { () async throws in
            let chat = try await tester.startGroup(with: [tester.person, "+15555550177"])
            model.interrupt(beforePiece: 2) { try await tester.deliver("see you all there", in: chat, from: "+15555550177") }
            _ = try await tester.send("Rosa, what are your hours?", in: chat, from: tester.person)
            try await tester.advance(by: configuration.burstWindow)
            try await tester.advance(by: configuration.burstWindow)
            #expect(try await tester.replies(in: chat) == ["We open at 7 am on weekdays.", "On Saturdays we open at 8 am.", "We close at 6 pm every day."])
            #expect(model.requests.count == 1)
        }
    }
}
