import LinqBot
import LinqBotTesting
import LinqModels
import Synchronization
import Testing

/// A handler sees the person's messages that arrived while it ran, waiting behind its turn.
@Suite struct WaitingMessagesTests {
    @Test("messages that arrive during a turn wait in order behind it, and the turn can see them")
    func seesWaitingMessages() async throws {
        let bot = Bot(configuration: .init(botID: "waiting-bot"))
        let duringFirstTurn = Mutex<(@Sendable () async throws -> Void)?>(nil)
        bot.onText { ctx, text in
            if let action = duringFirstTurn.withLock({ $0.take() }) { try await action() }
            let waiting = try await ctx.waitingMessages().compactMap(\.message?.text)
            try await ctx.reply("\(text); waiting: \(waiting.joined(separator: ", "))")
        }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            duringFirstTurn.withLock { action in
                action = {
                    try await tester.deliver("second")
                    try await tester.deliver("third")
                }
            }
            try await tester.send("first")
            #expect(try await tester.replies() == ["first; waiting: second, third", "second; waiting: third", "third; waiting: "])
        }
    }

    @Test("a coalesced burst's turn sees only what came after the burst")
    func burstSeesWhatFollows() async throws {
        let bot = Bot(configuration: .init(botID: "waiting-burst-bot", burst: .coalesce(window: .seconds(3))))
        let duringFirstTurn = Mutex<(@Sendable () async throws -> Void)?>(nil)
        bot.onText { ctx, _ in
            if let action = duringFirstTurn.withLock({ $0.take() }) { try await action() }
            let waiting = try await ctx.waitingMessages().compactMap(\.message?.text)
            try await ctx.reply("\(ctx.texts.joined(separator: " + ")); waiting: \(waiting.joined(separator: ", "))")
        }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            duringFirstTurn.withLock { action in action = { try await tester.deliver("later") } }
            try await tester.send("hi")
            try await tester.send("a table?")
            try await tester.advance(by: .seconds(3))
            try await tester.advance(by: .seconds(3))
            #expect(try await tester.replies() == ["hi + a table?; waiting: later", "later; waiting: "])
        }
    }
}
