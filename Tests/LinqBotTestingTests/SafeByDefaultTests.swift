import Foundation
import LinqBot
import LinqBotTesting
import Logging
import Testing

/// Line health needs no call: a plain `Bot()` has it, and running without it (or with a rule
/// weakened) is said at start.
@Suite struct SafeByDefaultTests {
    @Test("a plain Bot() has line health with its defaults: STOP gets one confirmation, then nothing")
    func onWithoutAsking() async throws {
        let bot = Bot()
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        #expect(bot.lineHealth?.dailyLineBudget == 7_000 && bot.lineHealth?.quietHours != nil)
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            let first = try await tester.send("hello")
            #expect(first == ["You said: hello"])
            let stop = try await tester.send("STOP")
            #expect(stop.count == 1 && stop[0].contains("no further messages"), "\(stop)")
            let before = tester.requests(involving: tester.person).count
            #expect(try await tester.send("hello again").isEmpty)
            #expect(tester.requests(involving: tester.person).count == before, "nothing reached the person after STOP")
        }
    }

    @Test("turning line health off, or weakening a rule, is logged as a warning at start naming what is off")
    func relaxedRulesAreSaid() async throws {
        let off = Bot()
        off.turnOffLineHealth(because: "a bot that only talks to a test system")
        #expect(off.build().relaxedRules == ["line health is OFF (a bot that only talks to a test system): no opt-out, pacing or budgets"])

        let relaxed = Bot()
        relaxed.adjustLineHealth {
            $0.quietHours = nil
            $0.followUpLimit = nil
        }
        let warnings = Collected()
        let tester = try await BotTester(bot: relaxed, logger: Logger(label: "safe-by-default") { _ in WarningCollector(box: warnings) })
        try await tester.run {
            try await tester.app.prepare()
            let said = warnings.all.filter { $0.contains("line-health rules relaxed") }
            #expect(said.count == 1, "\(warnings.all)")
            #expect(said.first?.contains("quiet hours are off") == true && said.first?.contains("the follow-up guard is off") == true)
        }
        #expect(Bot().build().relaxedRules.isEmpty, "the defaults relax nothing")
    }
}
