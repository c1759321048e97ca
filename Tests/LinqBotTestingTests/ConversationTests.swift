import LinqBot
import LinqBotTesting
import LinqModels
import Synchronization
import Testing

/// Conversation tests as a bot author writes them.
@Suite struct ConversationTests {
    static func makeBot() -> Bot {
        let bot = Bot(configuration: .init(botID: "counter-bot", maxAttempts: 3))
        bot.onText(.keyword("RESET")) { ctx, _ in
            ctx.setSession("count", 0)
            try await ctx.reply("Counter reset.")
        }
        bot.onText { ctx, text in
            let count = (ctx.session("count", as: Int.self) ?? 0) + 1
            ctx.setSession("count", count)
            try await ctx.reply("#\(count): \(text)")
        }
        bot.on(.reaction) { ctx in try await ctx.reply("Thanks for the reaction!") }
        return bot
    }

    @Test(
        "the bot counts messages per person, resets on a keyword, and thanks for tapbacks (in process and over loopback HTTP)",
        arguments: [BotTester.Mode.inProcess, .live]
    )
    func conversation(mode: BotTester.Mode) async throws {
        let tester = try await BotTester(bot: Self.makeBot(), mode: mode)
        try await tester.run {
            #expect(try await tester.send("hello") == ["#1: hello"])
            #expect(try await tester.send("how are you?") == ["#2: how are you?"])
            #expect(try await tester.replies() == ["#1: hello", "#2: how are you?"])
            #expect(try await tester.session()["count"] == 2)

            try await tester.send("reset")
            try await tester.send("again", from: "+15555550147")
            #expect(try await tester.replies().last == "Counter reset.")
            #expect(try await tester.replies(to: "+15555550147") == ["#1: again"])

            let first = try #require(try await tester.sentMessages().first?["id"]?.stringValue)
            try await tester.react(.love, to: MessageID(first))
            #expect(try await tester.replies().last == "Thanks for the reaction!")
        }
    }

    @Test("a failing handler is retried when the virtual clock moves, and the person gets one answer")
    func retryOnTheVirtualClock() async throws {
        let bot = Bot(configuration: .init(maxAttempts: 3))
        let failures = FailOnce()
        bot.onText { ctx, text in
            try await ctx.reply("Got it: \(text)")
            try failures.maybeFail()
        }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("book Friday")
            try await tester.advance(by: .seconds(3))
            #expect(try await tester.replies() == ["Got it: book Friday"])
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test(
        "typing around a slow answer, a tapback on the person's message, and silence are all visible (in process and live)",
        arguments: [BotTester.Mode.inProcess, .live]
    )
    func typingTapbacksAndSilence(mode: BotTester.Mode) async throws {
        let bot = Bot()
        bot.onText(.keyword("quiet")) { _, _ in }
        bot.onText { ctx, text in
            try await ctx.startTyping()
            try await ctx.react(.add(.like))
            try await ctx.stopTyping()
            try await ctx.reply("Noted: \(text)")
        }
        let tester = try await BotTester(bot: bot, mode: mode)
        try await tester.run {
            let answer = try await tester.send("lunch at noon?")
            #expect(answer == ["Noted: lunch at noon?"])
            #expect(try await tester.typing() == [true, false])
            #expect(try await tester.tapbacks() == [BotTester.Tapback(type: "like", messageText: "lunch at noon?")])
            #expect(try await tester.send("quiet").isEmpty, "no reply")
            #expect(try await tester.received().map { $0.text } == ["lunch at noon?", "quiet"])
            #expect(try await tester.typing() == [true, false], "no typing for the silent turn")
        }
    }
}

/// Throws the first time only.
final class FailOnce: Sendable {
    private let failed = Mutex(false)
    func maybeFail() throws {
        let first = failed.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        if first { throw Problem.once }
    }
    enum Problem: Error { case once }
}
