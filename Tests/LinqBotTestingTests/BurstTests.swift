import Foundation
import LinqBot
import LinqBotTesting
import Testing

/// Burst policies: queue takes each message as its own turn, coalesce takes a burst as one.
@Suite struct BurstTests {
    static func makeBot(_ burst: BurstPolicy) -> Bot {
        let bot = Bot(configuration: .init(botID: "burst-bot", burst: burst))
        bot.onText { ctx, _ in try await ctx.reply("\(ctx.texts.count): \(ctx.texts.joined(separator: " | "))") }
        return bot
    }

    @Test("coalesce: three messages within the window reach the handler as one turn, in order")
    func coalescesABurst() async throws {
        let tester = try await BotTester(bot: Self.makeBot(.coalesce(window: .seconds(3))))
        try await tester.run {
            #expect(try await tester.send("hi").isEmpty)
            try await tester.advance(by: .seconds(1))
            #expect(try await tester.send("I need a").isEmpty)
            try await tester.advance(by: .seconds(1))
            #expect(try await tester.send("quote for a roof").isEmpty)
            try await tester.advance(by: .seconds(2))
            #expect(try await tester.replies().isEmpty, "the window restarts with each message")
            try await tester.advance(by: .seconds(1))
            #expect(try await tester.replies() == ["3: hi | I need a | quote for a roof"])
            #expect(try await tester.send("thanks").isEmpty)
            try await tester.advance(by: .seconds(3))
            #expect(try await tester.replies().last == "1: thanks", "a lone message is a turn of its own")
            #expect(try await tester.store.pendingCount() == 0, "the absorbed messages are done, not pending")
        }
    }

    @Test("coalesce: a burst that never pauses still gets an answer after the longest wait")
    func longestWait() async throws {
        let tester = try await BotTester(bot: Self.makeBot(.coalesce(window: .seconds(2), maxWait: .seconds(5))))
        try await tester.run {
            for index in 1...4 {
                try await tester.send("part \(index)")
                try await tester.advance(by: .seconds(1))
            }
            #expect(try await tester.replies().isEmpty)
            try await tester.advance(by: .seconds(1))
            #expect(try await tester.replies() == ["4: part 1 | part 2 | part 3 | part 4"])
        }
    }

    @Test("queue (the default): the same three messages are three turns, in order")
    func queueKeepsEachMessage() async throws {
        let tester = try await BotTester(bot: Self.makeBot(.queue))
        try await tester.run {
            let first = try await tester.send("hi")
            #expect(first == ["1: hi"])
            #expect(try await tester.send("I need a") == ["1: I need a"])
            #expect(try await tester.send("quote for a roof") == ["1: quote for a roof"])
        }
    }

    @Test("a flow can coalesce while the rest of the bot queues")
    func flowBurstPolicy() async throws {
        enum Step: String, FlowState { case chatting }
        let bot = Bot(configuration: .init(botID: "burst-flow"))
        let flow = Flow<Step, [String]>("agent", initial: .chatting, data: [])
        flow.burst = .coalesce(window: .seconds(2))
        flow.on(.chatting) { ctx, turns in
            turns.append(ctx.texts.joined(separator: " "))
            try await ctx.reply("turn \(turns.count): \(turns.last ?? "")")
            return .stay
        }
        bot.add(flow, startWhen: .keyword("agent"))
        bot.onText { ctx, text in try await ctx.reply("menu: \(text)") }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            #expect(try await tester.send("hello") == ["menu: hello"], "outside the flow, the bot's policy (queue)")
            #expect(try await tester.send("agent").isEmpty, "starts the flow; it has no entry action")
            #expect(try await tester.send("can you").isEmpty)
            #expect(try await tester.send("help me").isEmpty)
            try await tester.advance(by: .seconds(2))
            #expect(try await tester.replies().last == "turn 1: can you help me")
        }
    }
}
