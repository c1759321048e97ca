import Foundation
import LinqBot
import LinqModels

/// Bots for the line-health tests: small, with line health on and the simulator's own
/// opt-out rule usually off, so what stops a send is LinqBot's layer.
enum LineHealthBots {
    static let name = "Acme Dental"

    /// Replies to every text, can schedule a reminder timer, and answers "slow" after 5 s of work.
    static func replier(_ configure: (inout LineHealthConfiguration) -> Void = { _ in }, concurrency: Int = 16) -> Bot {
        let bot = Bot(configuration: .init(botID: "health-bot", concurrency: concurrency, timeZone: TimeZone(identifier: "America/New_York")!))
        var health = LineHealthConfiguration(businessName: name)
        configure(&health)
        bot.useLineHealth(health)
        bot.onTimer("reminder") { ctx, _ in try await ctx.reply("Reminder: your appointment is tomorrow.") }
        bot.onText(.regex("^remind")) { ctx, _ in
            try await ctx.schedule("reminder", after: .seconds(3600))
            try await ctx.reply("I will remind you in an hour.")
        }
        bot.onText(.regex("^block")) { ctx, _ in try await ctx.pause(for: .seconds(20 * 60)) }
        bot.onText(.keyword("slow")) { ctx, _ in
            try await ctx.pause(for: .seconds(5))
            try await ctx.reply("Done thinking.")
        }
        bot.onText(.regex("^zone ")) { ctx, text in
            let zone = String(text.split(separator: " ").last ?? "")
            ctx.setTimeZone(TimeZone(identifier: zone))
            try await ctx.reply("Noted: \(zone).")
        }
        bot.onText(.regex("^burst")) { ctx, text in
            let count = Int(text.split(separator: " ").last ?? "") ?? 10
            for index in 1...count { try await ctx.reply("Part \(index)") }
        }
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        return bot
    }
}
