import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// A group of people with the bot: members write, are added, taken out, and leave.
@Suite struct GroupConversationTests {
    static let ann = "+15555550131"
    static let ben = "+15555550132"
    static let cy = "+15555550133"
    static let dee = "+15555550134"

    static func makeBot() -> Bot {
        let bot = Bot(configuration: .init(botID: "group-bot"))
        bot.onText { ctx, text in try await ctx.reply("Heard \(ctx.sender ?? "?"): \(text)") }
        bot.on(.participant) { ctx in
            guard let change = ctx.participant else { return }
            try await ctx.reply(change.isAdded ? "Welcome, \(change.handle)!" : "Goodbye, \(change.handle).")
        }
        return bot
    }

    @Test("the bot answers in a group and greets each member added, taken out or leaving")
    func membership() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            let group = try await tester.startGroup(with: [Self.ann, Self.ben, Self.cy], named: "Book club")
            #expect(try await tester.send("hi all", in: group, from: Self.ann) == ["Heard \(Self.ann): hi all"])
            #expect(try await tester.add(Self.dee, to: group, by: Self.ann) == ["Welcome, \(Self.dee)!"])
            #expect(try await tester.remove(Self.ben, from: group, by: Self.ann) == ["Goodbye, \(Self.ben)."])
            #expect(try await tester.leave(group, by: Self.cy) == ["Goodbye, \(Self.cy)."])
            #expect(try await tester.members(of: group) == [Self.ann, Self.dee])
            #expect(
                try await tester.groupChanges(in: group) == [
                    .added(Self.dee, by: Self.ann), .removed(Self.ben, by: Self.ann), .removed(Self.cy, by: Self.cy),
                ]
            )
            #expect(
                try await tester.transcript(of: group) == """
                    +15555550131: hi all
                    bot: Heard +15555550131: hi all
                    +15555550131: added +15555550134
                    bot: Welcome, +15555550134!
                    +15555550131: removed +15555550132
                    bot: Goodbye, +15555550132.
                    +15555550133: left
                    bot: Goodbye, +15555550133.
                    """
            )
        }
    }

    @Test("a member's tapback in the group reaches the bot")
    func tapbackInGroup() async throws {
        let bot = Bot(configuration: .init(botID: "group-tapbacks"))
        bot.onText { ctx, _ in try await ctx.reply("Noted.") }
        bot.on(.reaction) { ctx in
            guard let tapback = ctx.reaction, !tapback.isFromMe else { return }
            try await ctx.reply("\(ctx.sender ?? "?") sent a \(tapback.reactionType.rawValue).")
        }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            let group = try await tester.startGroup(with: [Self.ann, Self.ben])
            try await tester.send("lunch?", in: group, from: Self.ann)
            let noted = try #require(try await tester.sentMessages(to: Self.ann).first?["id"]?.stringValue)
            #expect(try await tester.react(.like, to: MessageID(noted), from: Self.ben) == ["\(Self.ben) sent a like."])
            #expect(try await tester.replies(in: group) == ["Noted.", "\(Self.ben) sent a like."])
        }
    }
}
