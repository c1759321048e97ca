import Foundation
import LinqBot
import LinqBotTesting
import Testing

/// The README's flow example, compiled and run as written.
enum ReadmeFlowExample {
    enum Step: String, FlowState { case name, need }
    struct Lead: Codable, Sendable { var name = "", need = "" }

    static func install(on bot: Bot) {
        let qualify = Flow<Step, Lead>("qualify", initial: .name, data: Lead())
        qualify.onEnter(.name) { ctx, _ in try await ctx.reply("Hi! What is your name?") }
        qualify.on(.name) { ctx, lead in
            lead.name = ctx.text ?? ""
            return .go(.need)
        }
        qualify.onEnter(.need) { ctx, lead in try await ctx.reply("Thanks \(lead.name). BUY or RENT?") }
        qualify.on(.need) { ctx, lead in
            guard let need = ctx.text?.lowercased(), ["buy", "rent"].contains(need) else {
                try await ctx.reply("Please answer BUY or RENT.")
                return .stay
            }
            lead.need = need
            try await ctx.reply("Got it. An agent will text you.")
            return .finish
        }
        qualify.timeout(.need, after: .seconds(24 * 3600)) { ctx, lead in   // once, a day after entering .need
            try await ctx.reply("Still there, \(lead.name)? Reply BUY or RENT.")
            return .stay
        }

        bot.add(qualify, startWhen: .keyword("start"))
        bot.global { routes in                                     // before any flow
            routes.on(.text, .keyword("restart")) { ctx in        // not CANCEL: that word opts out
                try await ctx.endFlow()                              // its timeouts go with it
                try await ctx.reply("Cancelled.")
            }
        }
    }
}

@Suite struct ReadmeFlowExampleTests {
    @Test("the README's flow asks, nudges once after a day, and finishes")
    func readmeFlow() async throws {
        let bot = Bot()
        ReadmeFlowExample.install(on: bot)
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            let first = try await tester.send("start")
            #expect(first == ["Hi! What is your name?"])
            #expect(try await tester.send("Ada") == ["Thanks Ada. BUY or RENT?"])
            try await tester.advance(by: .seconds(24 * 3600 + 1))
            #expect(try await tester.replies().last == "Still there, Ada? Reply BUY or RENT.")
            #expect(try await tester.send("buy") == ["Got it. An agent will text you."])
            #expect(try await tester.send("restart") == ["Cancelled."])
        }
    }
}
