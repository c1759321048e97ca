import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// The README's 15-line bot, line for line (without its `main` call), and its conversation.
enum ReadmePizzaBot {
    static func make() -> Bot {
        let bot = Bot(configuration: .init(botID: "pizza-bot"))
        bot.useLineHealth(LineHealthConfiguration(businessName: "Luigi's"))   // STOP, pacing, quiet hours, …
        bot.onText(.keyword("menu")) { ctx, _ in
            try await ctx.reply("Margherita, Diavola or Funghi? Reply with one to order.")
        }
        bot.onText(.regex("^(margherita|diavola|funghi)$")) { ctx, pizza in
            ctx.setSession("order", pizza)
            try await ctx.schedule("ready", after: .seconds(20 * 60))          // durable: survives restarts
            try await ctx.reply("One \(pizza.capitalized), coming up in 20 minutes.")
        }
        bot.onTimer("ready") { ctx, _ in try await ctx.reply("Your pizza is ready!") }
        bot.onText { ctx, _ in try await ctx.reply("Reply MENU to see what we bake.") }
        return bot
    }
}

@Suite struct ReadmePizzaBotTests {
    @Test("the README's pizza bot: menu, order, the timer 20 minutes later, STOP")
    func conversation() async throws {
        let tester = try await BotTester(bot: ReadmePizzaBot.make())
        try await tester.run {
            let first = try await tester.send("hi")
            #expect(first == ["Reply MENU to see what we bake."])
            #expect(try await tester.send("Menu") == ["Margherita, Diavola or Funghi? Reply with one to order."])
            #expect(try await tester.send("diavola") == ["One Diavola, coming up in 20 minutes."])
            #expect(try await tester.session()["order"] == "diavola")
            try await tester.advance(by: .seconds(20 * 60))
            #expect(try await tester.replies().last == "Your pizza is ready!")
            #expect(try await tester.send("STOP").first?.hasPrefix("Luigi's:") == true)
        }
    }
}
