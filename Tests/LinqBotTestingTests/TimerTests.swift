import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// Durable timers in a conversation: they fire on the bot's clock with nobody writing, once,
/// in the chat's own queue, and a cancelled one never fires.
@Suite struct TimerTests {
    static func makeBot() -> Bot {
        let bot = Bot(configuration: .init(botID: "timer-bot"))
        bot.onText(.keyword("done")) { ctx, _ in
            try await ctx.cancelTimer("nudge")
            try await ctx.reply("Great, all set.")
        }
        bot.onText { ctx, text in
            try await ctx.schedule("nudge", after: .seconds(600), payload: ["asked": .string(text)])
            try await ctx.reply("Got it. Reply DONE when you have finished.")
        }
        bot.onTimer("nudge") { ctx, timer in
            let asked = timer.payload?["asked"]?.stringValue ?? "?"
            try await ctx.reply("Just checking in about \"\(asked)\". Reply DONE when you have finished.")
        }
        return bot
    }

    @Test("a follow-up timer fires after ten minutes of silence, exactly once, with nobody writing")
    func followUpFiresOnce() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            let first = try await tester.send("upload the form")
            #expect(first == ["Got it. Reply DONE when you have finished."])
            try await tester.advance(by: .seconds(599))
            #expect(try await tester.replies().count == 1, "not due yet")
            try await tester.advance(by: .seconds(2))
            #expect(try await tester.replies().last == "Just checking in about \"upload the form\". Reply DONE when you have finished.")
            try await tester.advance(by: .seconds(1200))
            #expect(try await tester.replies().count == 2, "a timer fires once")
        }
    }

    @Test("cancelling the timer before it is due means it never fires")
    func cancelledTimerNeverFires() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            try await tester.send("upload the form")
            try await tester.advance(by: .seconds(300))
            let answer = try await tester.send("done")
            #expect(answer == ["Great, all set."])
            try await tester.advance(by: .seconds(900))
            #expect(try await tester.replies() == ["Got it. Reply DONE when you have finished.", "Great, all set."])
        }
    }

    @Test("a timer due between two idle polls fires when it falls due, not at the next poll")
    func timerFiresBetweenPolls() async throws {
        let bot = Bot(configuration: .init(botID: "timer-bot", idlePoll: .seconds(60)))
        // Two timers in a row with no answer between: the follow-up guard would hold the second.
        bot.adjustLineHealth { $0.followUpLimit = nil }
        bot.onText { ctx, _ in
            try await ctx.schedule("first", after: .seconds(90))
            try await ctx.schedule("second", after: .seconds(100))
            try await ctx.reply("Scheduled.")
        }
        bot.onTimer { ctx, timer in try await ctx.reply("Timer \(timer.name).") }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            #expect(try await tester.send("go") == ["Scheduled."])
            try await tester.advance(by: .seconds(60))
            #expect(try await tester.replies().count == 1, "nothing due at the first poll")
            try await tester.advance(by: .seconds(30))
            #expect(try await tester.replies().last == "Timer first.", "due at 90 s, half a poll before the next")
            try await tester.advance(by: .seconds(10))
            #expect(try await tester.replies().last == "Timer second.")
        }
    }
}
