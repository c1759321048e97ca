import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// Hand-off to a person and back, and conversations the business starts.
@Suite struct HandOffAndProactiveTests {
    typealias Q = QualificationBot

    @Test("hand-off silences the bot and pauses its timers; the observer follows; hand-back resumes")
    func handOffAndBack() async throws {
        let observed = Collected()
        let (bot, _) = Q.makeBot(observed: observed)
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("start")
            try await tester.send("Ada")
            let chat = try #require(try await tester.chatID())
            try await tester.advance(by: .seconds(3600))
            try await tester.app.handOff(chat, reason: "asked for a person")
            try await tester.settle()
            let snapshot = try await tester.app.chat(chat)
            #expect(snapshot.handOff?.reason == "asked for a person")
            #expect(snapshot.timers.isEmpty, "the flow's follow-up is paused, not pending")
            #expect(snapshot.handOff?.paused.map(\.remaining) == [Q.day.seconds - 3600])

            #expect(try await tester.send("help").isEmpty, "even global routes stay silent")
            #expect(try await tester.send("buy").isEmpty)
            try await tester.advance(by: Q.day * 2)
            #expect(try await tester.replies().count == 2, "no follow-up while a person has the chat")
            #expect(observed.all == ["help", "buy"])
            #expect(try await tester.app.chat(chat).flow?.state == "need", "the flow did not move")

            try await tester.app.handBack(chat)
            try await tester.settle()
            #expect(try await tester.app.chat(chat).handOff == nil)
            try await tester.advance(by: Q.day - .seconds(3601))
            #expect(try await tester.replies().count == 2, "the paused follow-up keeps the wait it had left")
            try await tester.advance(by: .seconds(2))
            #expect(try await tester.replies().last == "Still there, Ada? Reply BUY or RENT.")
            #expect(try await tester.send("buy") == ["What is your budget in dollars?"])
        }
    }

    @Test("a handler can hand the chat off itself")
    func handlerHandsOff() async throws {
        let bot = Bot(configuration: .init(botID: "handoff-bot"))
        bot.onText(.keyword("agent")) { ctx, _ in
            try await ctx.reply("Connecting you with a person.")
            try await ctx.handOff(reason: "keyword")
        }
        bot.onText { ctx, text in try await ctx.reply("Bot: \(text)") }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            #expect(try await tester.send("agent") == ["Connecting you with a person."])
            #expect(try await tester.send("hello?").isEmpty)
            let chat = try #require(try await tester.chatID())
            #expect(try await tester.app.chats().map(\.handedOff) == [true])
            try await tester.app.handBack(chat)
            try await tester.settle()
            #expect(try await tester.send("hello") == ["Bot: hello"])
        }
    }

    @Test("business code starts a flow for a handle with no chat: the first question creates the chat")
    func startFlowForAHandle() async throws {
        let (bot, flow) = Q.makeBot()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.app.startFlow(flow, with: tester.person, from: tester.line, data: Q.Lead(name: "", need: "", budget: 0), key: "lead-42")
            try await tester.app.startFlow(flow, with: tester.person, from: tester.line, key: "lead-42")
            try await tester.settle()
            #expect(try await tester.replies() == ["Hi! What is your name?"], "the same key queues once")
            let chat = try #require(try await tester.chatID())
            #expect(try await tester.app.chat(chat).flow?.state == "name")
            #expect(try await tester.send("Ada") == ["Thanks Ada. Are you looking to BUY or RENT?"])
            #expect(try await tester.app.chat(chat).timers.map(\.name) == ["linqbot.flow.timeout.0"])
        }
    }

    @Test("a send and a flow start scheduled for later go out at their time, in the person's chat")
    func scheduledWork() async throws {
        let (bot, flow) = Q.makeBot()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            let chat = try await tester.app.startChat(from: tester.line, to: tester.person, .text("Your appointment is on Friday."))
            #expect(try await tester.chatID() == chat)
            try await tester.app.send(.text("Reminder: tomorrow at 10."), to: chat, at: tester.date.addingTimeInterval(3600))
            try await tester.app.startFlow(flow, in: chat, at: tester.date.addingTimeInterval(7200))
            try await tester.advance(by: .seconds(3599))
            #expect(try await tester.replies() == ["Your appointment is on Friday."])
            try await tester.advance(by: .seconds(2))
            #expect(try await tester.replies().last == "Reminder: tomorrow at 10.")
            try await tester.advance(by: .seconds(3600))
            #expect(try await tester.replies().last == "Hi! What is your name?")
            #expect(try await tester.app.chat(chat).flow?.state == "name")
        }
    }

    @Test("a proactive first message is checked against Linq's first-message rules before it is sent")
    func firstMessageRules() async throws {
        let (bot, _) = Q.makeBot()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            await #expect(throws: MessageContentError.self) {
                try await tester.app.startChat(from: tester.line, to: tester.person, .text("Book here: https://example.com/book"))
            }
            let chat = try await tester.chatID()
            #expect(chat == nil, "nothing was sent")
        }
    }

    @Test("timers at a wall-clock time use the person's time zone")
    func wallClockTimers() async throws {
        let bot = Bot(configuration: .init(botID: "tz-bot", timeZone: TimeZone(identifier: "UTC")!))
        bot.onText { ctx, _ in
            ctx.setTimeZone(TimeZone(identifier: "America/New_York"))
            try await ctx.schedule("morning", atLocal: DateComponents(hour: 9, minute: 0))
            try await ctx.reply("I will write at 9:00 your time.")
        }
        bot.onTimer("morning") { ctx, _ in try await ctx.reply("Good morning!") }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("remind me")
            let chat = try #require(try await tester.chatID())
            let due = try #require(try await tester.app.chat(chat).timers.first?.dueAt)
            var newYork = Calendar(identifier: .gregorian)
            newYork.timeZone = TimeZone(identifier: "America/New_York")!
            #expect(newYork.component(.hour, from: due) == 9 && newYork.component(.minute, from: due) == 0)
            #expect(due > tester.date && due.timeIntervalSince(tester.date) <= 86_400)
            try await tester.advance(by: .seconds(Int64(due.timeIntervalSince(tester.date).rounded(.up)) + 1))
            #expect(try await tester.replies().last == "Good morning!")
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
