// EchoBot: the smallest LinqBot bot. It answers every text with what it received, and counts
// the messages of each chat in the chat's session.
//
//     swift run EchoBot      # no credentials: local simulator + SQLite, chat page on http://127.0.0.1:7700/

import LinqBot
import LinqBotHost

let bot = Bot(configuration: .init(botID: "echo-bot"))
bot.onText { ctx, text in
    let received = (ctx.session("received", as: Int.self) ?? 0) + 1
    ctx.setSession("received", received)
    try await ctx.reply("You said: \(text)")
}
await BotHost.runOrExit(bot)
