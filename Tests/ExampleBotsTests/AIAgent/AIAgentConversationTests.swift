import LinqBotAI
import AsyncHTTPClient
import Clocks
import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// The AI agent against a fake model server on loopback, on the tester's virtual clock.
@Suite struct AIAgentConversationTests {
    @Test("an answer streams into bubbles cut at paragraph and sentence ends; the request carries model, stream and history")
    func streamsBubbles() async throws {
        let server = FakeModelServer([
            .stream(["Hello! We open at 9 am", " on weekdays and at 10 on Saturdays.\n\nWant me to", " book you a table?"]),
            .stream(["Done: a table for two at 7 pm."]),
        ])
        try await server.run { url in
            let agent = try await AIAgentHarness.make(AIAgentHarness.configuration(url))
            try await agent.tester.run {
                #expect(try await agent.say("When do you open?") == [
                    "Hello! We open at 9 am on weekdays and at 10 on Saturdays.", "Want me to book you a table?",
                ])
                let first = try #require(server.requests.first)
                #expect(first.value["model"] as? String == "test-model")
                #expect(first.value["stream"] as? Bool == true)
                #expect(first.messages.map(\.role) == ["system", "user"])
                #expect(first.messages.map(\.content) == ["Be brief.", "When do you open?"])
                #expect(try await agent.tester.typing().first == true, "typing shows while the model thinks")

                #expect(try await agent.say("Yes, two people at 7") == ["Done: a table for two at 7 pm."])
                let second = try #require(server.requests.last)
                #expect(second.messages.map(\.role) == ["system", "user", "assistant", "user"])
                #expect(second.messages[2].content == "Hello! We open at 9 am on weekdays and at 10 on Saturdays.\n\nWant me to book you a table?")
                let history = try await agent.tester.session()[ChatHistory.sessionKey]?.decoded(as: ChatHistory.self) ?? ChatHistory()
                #expect(history.turns.count == 4, "the history lives in the chat's session")
            }
        }
    }

    @Test("a burst of short messages is one turn with every text")
    func coalescesABurst() async throws {
        let server = FakeModelServer([.stream(["Sure, for how many people?"])])
        try await server.run { url in
            let agent = try await AIAgentHarness.make(AIAgentHarness.configuration(url))
            try await agent.tester.run {
                #expect(try await agent.tester.send("hi").isEmpty)
                try await agent.tester.advance(by: .seconds(1))
                #expect(try await agent.tester.send("I'd like a table").isEmpty)
                try await agent.tester.advance(by: .seconds(1))
                #expect(try await agent.tester.send("tonight").isEmpty)
                #expect(server.requests.isEmpty, "nothing asked while the burst goes on")
                try await agent.tester.advance(by: .seconds(3))
                #expect(server.requests.count == 1)
                #expect(server.requests.first?.messages.last?.content == "hi\nI'd like a table\ntonight")
                #expect(try await agent.tester.replies() == ["Sure, for how many people?"])
            }
        }
    }

    @Test("the history keeps only the last turns")
    func boundedHistory() async throws {
        let server = FakeModelServer([.stream(["One."]), .stream(["Two."]), .stream(["Three."])])
        try await server.run { url in
            var configuration = AIAgentHarness.configuration(url)
            configuration.maxHistoryTurns = 3
            let agent = try await AIAgentHarness.make(configuration)
            try await agent.tester.run {
                _ = try await agent.say("a")
                _ = try await agent.say("b")
                _ = try await agent.say("c")
                let last = try #require(server.requests.last)
                #expect(last.messages.map(\.content) == ["Be brief.", "b", "Two.", "c"], "the oldest turns are gone")
            }
        }
    }

    @Test("the typing indicator is shown again every minute while the model thinks")
    func keepsTypingAlive() async throws {
        let server = FakeModelServer([.hold(["Thanks for waiting: yes, we have gluten-free bread."])])
        try await server.run { url in
            var configuration = AIAgentHarness.configuration(url)
            configuration.timeout = .seconds(600)
            let agent = try await AIAgentHarness.make(configuration)
            let tester = agent.tester
            try await tester.run {
                try await tester.send("Any gluten-free bread?")
                let window = agent.configuration.burstWindow
                async let turn: Void = tester.advance(by: window, within: BotTester.patience)
                #expect(await eventually { server.requests.count == 1 }, "the model was asked")
                #expect(try await tester.typing() == [true])
                // Minute by minute on the virtual clock, until the refresh shows.
                var refreshed = false
                for _ in 0..<180 where !refreshed {
                    await tester.clock.advance(by: .seconds(1))
                    refreshed = try await tester.typing().count >= 2
                }
                #expect(refreshed, "typing was refreshed while the model was slow")
                #expect(try await tester.replies().isEmpty)
                server.release()
                try await turn
                #expect(try await tester.replies() == ["Thanks for waiting: yes, we have gluten-free bread."])
                #expect(try await tester.typing().prefix(2) == [true, true])
            }
        }
    }

    @Test("a model that shows no progress within the timeout gets the fallback message")
    func timesOut() async throws {
        let server = FakeModelServer([.hold(["Too late."])])
        try await server.run { url in
            var configuration = AIAgentHarness.configuration(url)
            configuration.timeout = .seconds(30)
            let agent = try await AIAgentHarness.make(configuration)
            let tester = agent.tester
            try await tester.run {
                try await tester.send("Are you open?")
                let window = agent.configuration.burstWindow
                // The turn ends only once the loop below has moved the clock past the model's timeout.
                async let turn: Void = tester.advance(by: window, within: BotTester.patience)
                #expect(await eventually { server.requests.count == 1 })
                var answered = false
                for _ in 0..<120 where !answered {
                    await tester.clock.advance(by: .seconds(1))
                    answered = try await !tester.replies().isEmpty
                }
                try await turn
                #expect(try await tester.replies() == [configuration.fallbackMessage])
                server.release()
            }
        }
    }

    @Test("a server error gets the fallback message; the next turn works and remembers both questions")
    func serverErrorFallsBack() async throws {
        let server = FakeModelServer([.fail(503), .stream(["We open at 9."])])
        try await server.run { url in
            let agent = try await AIAgentHarness.make(AIAgentHarness.configuration(url))
            try await agent.tester.run { () async throws in
                #expect(try await agent.say("Hours?") == [agent.configuration.fallbackMessage])
                #expect(try await agent.say("Hours please?") == ["We open at 9."])
                #expect(server.requests.last?.messages.map(\.content) == ["Be brief.", "Hours?", "Hours please?"])
                #expect(try await agent.tester.deadLetters().isEmpty, "a model failure is answered, not retried")
            }
        }
    }

    @Test("an unreachable model server (connection refused) gets the fallback message")
    func unreachableFallsBack() async throws {
        let closed = try FreePort.take()  // nothing listens there any more
        var configuration = AIAgentHarness.configuration(URL(string: "http://127.0.0.1:\(closed)/v1")!)
        configuration.fallbackMessage = "Our assistant is offline. We'll text you back soon."
        // By default a refused connection is retried until the connect timeout (real time); here it fails at once.
        var settings = HTTPClient.Configuration()
        settings.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
        let model = ChatCompletionsModel(baseURL: configuration.baseURL, model: configuration.model, client: client)
        let agent = try await AIAgentHarness.make(configuration, model: model)
        do {
            try await agent.tester.run { () async throws in
                #expect(try await agent.say("Hello?") == ["Our assistant is offline. We'll text you back soon."])
            }
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    @Test("the model's hand-off marker hands the chat to a person; the bot is silent afterwards")
    func modelHandsOff() async throws {
        let server = FakeModelServer([.stream(["Let me get someone who can ", "change your order. [HAND", "OFF] ignored"])])
        try await server.run { url in
            let agent = try await AIAgentHarness.make(AIAgentHarness.configuration(url))
            try await agent.tester.run {
                #expect(try await agent.say("I need to change my order") == ["Let me get someone who can change your order."])
                let chat = try #require(try await agent.tester.chatID())
                #expect(try await agent.tester.app.chat(chat).handOff?.reason == "the model asked for a person")
                #expect(try await agent.say("hello?").isEmpty, "silent while a person has the chat")
                #expect(server.requests.count == 1, "the model is not asked either")
            }
        }
    }

    @Test("a person who asks for a human is handed off at once, without asking the model")
    func personAsksForHuman() async throws {
        let server = FakeModelServer([])
        try await server.run { url in
            let agent = try await AIAgentHarness.make(AIAgentHarness.configuration(url))
            try await agent.tester.run {
                #expect(try await agent.say("Can I talk to a real person?") == [agent.configuration.handOffMessage])
                #expect(server.requests.isEmpty)
                let chat = try #require(try await agent.tester.chatID())
                #expect(try await agent.tester.app.chat(chat).handOff != nil)
                #expect(try await agent.say("anyone?").isEmpty)
            }
        }
    }
}
