import Foundation
import LinqBot
import LinqBotSQLite
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// Suite F of the reliability plan: opt-out, opt-in, help, and what they block.
@Suite struct LineHealthOptOutTests {
    @Test("F2, F10: STOP → exactly one confirmation; nothing else reaches the person, whatever tries")
    func stopBlocksEverything() async throws {
        let bot = LineHealthBots.replier()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            #expect(try await tester.send("remind me") == ["I will remind you in an hour."])
            let chat = try #require(try await tester.chatID())
            let before = tester.requests(involving: tester.person).count

            let confirmation = try await tester.send("STOP")
            #expect(confirmation.count == 1)
            #expect(confirmation.first?.contains(LineHealthBots.name) == true)
            #expect(confirmation.first?.contains("no further messages") == true)
            let sent = tester.requests(involving: tester.person).dropFirst(before)
            #expect(sent.map(\.kind) == [.message])
            #expect(sent.first?.overrideOptOut == true, "the confirmation passes Linq's opt-out with override_optout")
            #expect(try await tester.app.isOptedOut(tester.person))

            // A reply, a slow handler (typing), the timer, business code: none of them reaches the person.
            #expect(try await tester.send("hello?").isEmpty)
            #expect(try await tester.send("slow").isEmpty)
            try await tester.app.send(.text("Our summer offer!"), to: chat)
            try await tester.settle()
            try await tester.advance(by: .seconds(7200))
            #expect(tester.requests(involving: tester.person).count == before + 1, "only the confirmation went out after the STOP")
            #expect(try await tester.typing().isEmpty)
        }
    }

    @Test("F3: STOP at a random moment among 50 queued sends: no send starts after its commit but the confirmation")
    func stopRacesQueuedSends() async throws {
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<20 {
            let bot = LineHealthBots.replier { health in
                health.pacing = PacingPolicy(pairLimit: 1000, pairBurst: 1000, minimumGap: .zero, perCharacter: .zero, maximumGap: .zero)
                health.followUpLimit = nil
                health.quietHours = nil
                health.typing = nil
                health.shareContactCard = false
            }
            let tester = try await BotTester(bot: bot)
            try await tester.run {
                try await tester.simulatorEnforcesOptOut(false)
                try await tester.send("hi")
                let chat = try #require(try await tester.chatID())
                for index in 0..<50 { try await tester.app.send(.text("Update \(index)"), to: chat, key: "update-\(index)") }
                for _ in 0..<Int.random(in: 0..<200, using: &generator) { await Task.yield() }
                try await tester.deliver("STOP")
                let atCommit = tester.requests(involving: tester.person).count
                try await tester.settle()
                // Sends the simulator's own 30-a-minute limit pushed back come due (and are refused) too.
                try await tester.advance(by: .seconds(180))
                let log = tester.requests(involving: tester.person)
                let dead = try await tester.deadLetters().map(\.error)
                // One confirmation: a try the simulator answered 429 and its retry carry the same key.
                let confirmations = Set(log.filter(\.overrideOptOut).map { $0.idempotencyKey ?? "" })
                #expect(confirmations.count == 1, "trial \(trial): one confirmation; \(log.suffix(3)); dead: \(dead)")
                // A send already past the gate when the STOP committed may land after it: one chat has one in flight.
                let late = log.dropFirst(atCommit).filter { !$0.overrideOptOut }
                #expect(late.count <= 1, "trial \(trial): \(late.count) sends after the STOP")
                #expect(tester.acceptedSends().count <= 1 + 50 + 1)
            }
        }
    }

    @Test("F4: the opt-out survives a crash right after the STOP was acknowledged")
    func stopSurvivesRestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linqbot-f4-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bot.sqlite").path
        let first = try await SQLiteBotStore.open(path: path)
        try await first.migrate()
        var current = first
        let tester = try await BotTester(bot: LineHealthBots.replier(), store: first)
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            try await tester.send("remind me")
            let before = tester.requests(involving: tester.person).count
            try await tester.deliver("STOP")
            // kill -9 stand-in: the store closes under the bot and opens again; a new build runs on.
            let rebuilt = LineHealthBots.replier()
            try await tester.restart(with: rebuilt) {
                try await first.close()
                let reopened = try await SQLiteBotStore.open(path: path)
                try await reopened.migrate()
                current = reopened
                return reopened
            }
            #expect(try await tester.app.isOptedOut(tester.person))
            #expect(try await tester.send("are you there?").isEmpty)
            try await tester.advance(by: .seconds(7200))
            let after = tester.requests(involving: tester.person).dropFirst(before)
            #expect(after.filter { !$0.overrideOptOut }.isEmpty, "only the confirmation after the STOP")
            #expect(after.filter(\.overrideOptOut).count <= 1)
        }
        try await current.close()
    }

    @Test("F6: Linq's 403 / 2024 for a handle we thought subscribed: recorded, no retry, no later attempt")
    func linqSaysOptedOut() async throws {
        // The bot's keywords leave STOP out, so only Linq knows (its own rule is on here); the
        // chat's OPTED_OUT health_status is ignored too, so the 403 is what tells the bot.
        let bot = LineHealthBots.replier {
            $0.optOut = OptOutPolicy(optOutKeywords: ["UNSUBSCRIBE"])
            $0.reputation.followsChatHealth = false
        }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("hello")
            let before = tester.requests(involving: tester.person).count
            #expect(try await tester.send("STOP").isEmpty)
            let attempts = tester.requests(involving: tester.person).dropFirst(before).filter { $0.kind == .message }
            #expect(attempts.map(\.status) == [403], "one attempt, refused with 2024, not retried")
            #expect(try await tester.app.isOptedOut(tester.person))
            #expect(try await tester.deadLetters().isEmpty, "a refused reply is no failure")
            #expect(try await tester.send("hm").isEmpty)
            #expect(tester.requests(involving: tester.person).dropFirst(before).filter { $0.kind == .message }.count == 1, "no later attempt")
        }
    }

    @Test("F7: START after STOP subscribes again with one confirmation; YES opts in only while opted out")
    func startAfterStop() async throws {
        let tester = try await BotTester(bot: LineHealthBots.replier())
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            #expect(try await tester.send("yes") == ["You said: yes"], "YES is an ordinary word while subscribed")
            try await tester.send("STOP")
            let start = try await tester.send("START")
            #expect(start.count == 1)
            #expect(start.first?.contains("subscribed again") == true)
            #expect(try await tester.send("hi") == ["You said: hi"])
            try await tester.send("stop")
            #expect(try await tester.send("Yes").count == 1)
            #expect(try await tester.send("hi again") == ["You said: hi again"])
        }
    }

    @Test("F8: HELP while subscribed gets one complete answer; while opted out, none by default")
    func help() async throws {
        let tester = try await BotTester(bot: LineHealthBots.replier())
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            let help = try await tester.send("HELP")
            #expect(help.count == 1)
            #expect(help.first?.contains(LineHealthBots.name) == true)
            #expect(help.first?.contains("STOP") == true)
            try await tester.send("STOP")
            #expect(try await tester.send("help").isEmpty)
        }
    }

    @Test("F11: opt-outs survive every prune, 400 simulated days later")
    func optOutsAreNeverPruned() async throws {
        let bot = LineHealthBots.replier()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            try await tester.send("STOP")
            let later = tester.date.addingTimeInterval(400 * 86_400)
            _ = try await tester.store.prune(PruneCutoffs(inboxBefore: later, dedupKeysBefore: later, sentBefore: later, now: later))
            #expect(try await tester.app.isOptedOut(tester.person))
        }
    }

    @Test("a message that reads like an opt-out goes to the hook, which may opt the person out")
    func possibleOptOutHook() async throws {
        let seen = Collected()
        let bot = LineHealthBots.replier { health in
            health.optOut.onPossibleOptOut = { ctx, text in
                seen.append(text)
                if text.lowercased().contains("texting me") { try await ctx.optOut() }
            }
        }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.simulatorEnforcesOptOut(false)
            #expect(try await tester.send("don't stop now") == ["You said: don't stop now"])
            let answer = try await tester.send("please stop texting me")
            #expect(answer.count == 1)
            #expect(answer.first?.contains("no further messages") == true)
            #expect(seen.all == ["don't stop now", "please stop texting me"])
            #expect(try await tester.app.isOptedOut(tester.person))
        }
    }
}
