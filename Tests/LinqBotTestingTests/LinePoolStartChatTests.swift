import Foundation
import LinqAPI
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// New conversations with one person, wherever they start: from a handler
/// (`ctx.startChat(with:)`) they come from the person's pool line, not the chat's; a person who
/// already has a chat with the account keeps its line through Linq's suggestion.
@Suite struct LinePoolStartChatTests {
    static let lines = LinePoolTests.lines

    static func makeBot(suggestions: Bool = true) -> Bot {
        let bot = Bot(configuration: .init(botID: "referral-bot"))
        var health = LineHealthConfiguration(businessName: "Acme Dental")
        health.quietHours = nil
        bot.useLineHealth(health)
        var pool = LinePoolConfiguration(rampUp: nil)
        pool.linqSuggestions = suggestions
        bot.useLinePool(pool)
        bot.onText(.regex("^refer ")) { ctx, text in
            try await ctx.startChat(with: [String(text.dropFirst(6))], .text("A friend thought you would like our spring check-ups."))
            try await ctx.reply("Thanks, we wrote to them.")
        }
        bot.onText(.regex("^tell ")) { ctx, text in
            try await ctx.send(.text("Your friend says hi."), to: String(text.dropFirst(5)))
            try await ctx.reply("Passed on.")
        }
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        return bot
    }

    @Test("ctx.startChat with one person and ctx.send to a handle write from the person's pool line: theirs if they have one, else the pool's choice, kept")
    func handlerStartsChatOnPersonsLine() async throws {
        let tester = try await LinePoolTests.tester(Self.makeBot())
        let (referrer, known, friend) = ("+15555550181", "+15555550182", "+15555550183")
        try await tester.run {
            try await tester.app.send(.text("Your cleaning is due."), to: known, from: Self.lines[2])
            try await tester.settle()
            #expect(try await tester.send("refer \(known)", from: referrer).contains("Thanks, we wrote to them."))
            #expect(try await tester.send("refer \(friend)", from: referrer).contains("Thanks, we wrote to them."))
            try await tester.settle()
            #expect(LinePoolTests.senders(of: known, tester) == [Self.lines[2], Self.lines[2]], "the known person's own line, not the chat's")
            let friendLine = try await tester.app.line(for: friend)
            #expect(friendLine == Self.lines[1], "the line with no people yet")
            #expect(LinePoolTests.senders(of: friend, tester) == [friendLine])
            #expect(try await tester.send("tell \(known)", from: referrer).contains("Passed on."))
            try await tester.settle()
            #expect(LinePoolTests.senders(of: known, tester) == Array(repeating: Self.lines[2], count: 3), "ctx.send to a handle: their line too")
            #expect(LinePoolTests.senders(of: referrer, tester).allSatisfy { $0 == Self.lines[0] })
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("a person with a chat the bot never saw keeps that line: Linq's suggestion (GET /v3/available_number) comes first; without it, the emptiest line")
    func linqSuggestionKeepsExistingChat() async throws {
        for suggestions in [true, false] {
            let tester = try await LinePoolTests.tester(Self.makeBot(suggestions: suggestions))
            let person = "+15555550184"
            try await tester.run {
                // Another of the business's systems wrote to the person from the third line.
                _ = try await tester.client.chats.create(CreateChatRequest(from: Self.lines[2], to: [person], message: .text("Your order shipped.")))
                try await tester.app.send(.text("How was your visit?"), to: person)
                try await tester.settle()
                let expected = suggestions ? Self.lines[2] : Self.lines[0]
                #expect(try await tester.app.line(for: person) == expected, "suggestions \(suggestions)")
                #expect(LinePoolTests.senders(of: person, tester).last == expected)
            }
        }
    }
}
