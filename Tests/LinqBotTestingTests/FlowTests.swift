import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import Logging
import Testing

/// Flows in conversation tests on the virtual clock: steps and branches, timeouts that fire
/// with nobody writing, global routes before the flow, cancelling.
@Suite struct FlowTests {
    typealias Q = QualificationBot

    @Test("a three-step qualification flow: name, need, budget, then a verdict")
    func qualifiesALead() async throws {
        let (bot, _) = Q.makeBot()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            #expect(try await tester.send("hello") == ["Text START to begin."])
            #expect(try await tester.send("start") == ["Hi! What is your name?"])
            #expect(try await tester.send("   ") == ["Please tell me your name."])
            #expect(try await tester.send("Ada") == ["Thanks Ada. Are you looking to BUY or RENT?"])
            let chat = try #require(try await tester.chatID())
            #expect(try await tester.app.chat(chat).flow?.state == "need")
            #expect(try await tester.send("maybe") == ["Please answer BUY or RENT."])
            #expect(try await tester.send("buy") == ["What is your budget in dollars?"])
            #expect(try await tester.send("lots") == ["A number, please."])
            #expect(try await tester.send("$250,000") == ["You qualify, Ada! An agent will call you."])
            let snapshot = try await tester.app.chat(chat)
            #expect(snapshot.flow == nil, "a finished flow leaves the chat")
            #expect(snapshot.timers.isEmpty)
            #expect(try await tester.send("hi again") == ["Text START to begin."])
        }
    }

    @Test("the RENT branch finishes the flow at once")
    func rentBranchFinishes() async throws {
        let (bot, _) = Q.makeBot()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("start")
            try await tester.send("Grace")
            #expect(try await tester.send("RENT") == ["We only sell homes, sorry. Goodbye!"])
            let chat = try #require(try await tester.chatID())
            #expect(try await tester.app.chat(chat).flow == nil)
        }
    }

    @Test("no answer for a day: one follow-up, with nobody writing, exactly once")
    func timeoutFollowUpFiresOnce() async throws {
        let (bot, _) = Q.makeBot()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("start")
            try await tester.send("Ada")
            try await tester.advance(by: Q.day - .seconds(1))
            #expect(try await tester.replies().count == 2, "not due yet")
            try await tester.advance(by: .seconds(2))
            #expect(try await tester.replies().last == "Still there, Ada? Reply BUY or RENT.")
            try await tester.advance(by: Q.day * 3)
            #expect(try await tester.replies().count == 3, "the timeout fires once per entry into the state")
            #expect(try await tester.send("buy") == ["What is your budget in dollars?"], "the flow goes on after the follow-up")
        }
    }

    @Test("leaving a state before its timeout cancels the timeout")
    func leavingAStateCancelsItsTimeout() async throws {
        let (bot, _) = Q.makeBot()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("start")
            try await tester.send("Ada")
            let chat = try #require(try await tester.chatID())
            #expect(try await tester.app.chat(chat).timers.count == 1)
            try await tester.advance(by: .seconds(3600))
            try await tester.send("buy")
            #expect(try await tester.app.chat(chat).timers.isEmpty)
            try await tester.advance(by: Q.day * 2)
            #expect(try await tester.replies().last == "What is your budget in dollars?")
        }
    }

    @Test("global routes run before the flow: HELP leaves the flow as it was, RESTART ends it and its timers")
    func globalRoutesComeFirst() async throws {
        let (bot, _) = Q.makeBot()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("start")
            try await tester.send("Ada")
            #expect(try await tester.send("help") == ["Answer the questions, or text RESTART."])
            let chat = try #require(try await tester.chatID())
            #expect(try await tester.app.chat(chat).flow?.state == "need")
            #expect(try await tester.send("restart") == ["Cancelled. Text START to begin again."])
            let snapshot = try await tester.app.chat(chat)
            #expect(snapshot.flow == nil)
            #expect(snapshot.timers.isEmpty, "cancelling a flow cancels its timers")
            try await tester.advance(by: Q.day * 2)
            #expect(try await tester.replies().last == "Cancelled. Text START to begin again.")
        }
    }

    @Test("a state renamed between two builds resets the chat with a warning, and the bot carries on")
    func renamedStateResets() async throws {
        let warnings = Collected()
        let logger = Logger(label: "flow-test") { _ in WarningCollector(box: warnings) }
        let (bot, _) = Q.makeBot()
        let tester = try await BotTester(bot: bot, logger: logger)
        try await tester.run {
            try await tester.send("start")
            try await tester.send("Ada")
            // The next build renamed `need` to `wants`.
            enum Renamed: String, FlowState { case name, wants, budget }
            let next = Bot(configuration: .init(botID: "qualify-bot"))
            let flow = Flow<Renamed, Q.Lead>("qualify", initial: .name, data: Q.Lead())
            flow.on(.wants) { ctx, _ in
                try await ctx.reply("unreachable")
                return .stay
            }
            next.add(flow, startWhen: .keyword("start"))
            next.onText { ctx, _ in try await ctx.reply("Text START to begin.") }
            try await tester.restart(with: next)
            #expect(try await tester.send("buy") == ["Text START to begin."])
            let chat = try #require(try await tester.chatID())
            let snapshot = try await tester.app.chat(chat)
            #expect(snapshot.flow == nil)
            #expect(snapshot.timers.isEmpty, "the old state's timeout went with it")
            #expect(warnings.all.contains { $0.contains("flow was reset") && $0.contains("\"need\" no longer exists") })
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("flow data that no longer decodes resets the chat the same way")
    func undecodableDataResets() async throws {
        let warnings = Collected()
        let logger = Logger(label: "flow-test") { _ in WarningCollector(box: warnings) }
        let (bot, _) = Q.makeBot()
        let tester = try await BotTester(bot: bot, logger: logger)
        try await tester.run {
            try await tester.send("start")
            struct Stricter: Codable, Sendable { var name: String; var email: String }
            enum Steps: String, FlowState { case name, need, budget }
            let next = Bot(configuration: .init(botID: "qualify-bot"))
            let flow = Flow<Steps, Stricter>("qualify", initial: .name, data: Stricter(name: "", email: ""))
            flow.on(.name) { _, _ in .stay }
            next.add(flow)
            next.onText { ctx, _ in try await ctx.reply("Text START to begin.") }
            try await tester.restart(with: next)
            #expect(try await tester.send("Ada") == ["Text START to begin."])
            #expect(warnings.all.contains { $0.contains("no longer decodes") })
        }
    }
}
