import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// A person's actions beyond text: files, edits, typing, a contact card, tapbacks taken back.
@Suite struct PersonActionTests {
    static func makeBot() -> Bot {
        let bot = Bot(configuration: .init(botID: "people-bot"))
        let answer: EventHandler = { ctx in
            if let file = ctx.attachments.first {
                try await ctx.reply("Got \(file.filename) (\(file.mimeType))" + (ctx.text.map { ": \($0)" } ?? ""))
            } else {
                try await ctx.reply("You said: \(ctx.text ?? "")")
            }
        }
        bot.on(.text, handler: answer)
        bot.on(.media, handler: answer)
        bot.on(.edit) { ctx in try await ctx.reply("Edited to: \(ctx.text ?? "")") }
        bot.on(.typing) { ctx in ctx.setSession("typing", ctx.typing?.isTyping) }
        bot.on(.reaction) { ctx in
            guard let tapback = ctx.reaction, !tapback.isFromMe else { return }
            let type = tapback.reactionType.rawValue
            try await ctx.reply(tapback.isAdded ? "Thanks for the \(type)!" : "You took back your \(type).")
        }
        bot.on(.contactCard) { ctx in
            guard let card = ctx.contactCard else { return }
            // A card belongs to the person and the line, not to a chat: answer in their chat.
            try await ctx.send(.text("Nice to meet you, \(card.fullName)."), to: card.senderHandle, from: card.ownerHandle)
        }
        return bot
    }

    @Test("the bot sees an image with a caption, an image alone and a named file, with names and types")
    func media() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            #expect(try await tester.send(media: "https://example.com/photos/cat.jpg", caption: "my cat") == ["Got cat.jpg (image/jpeg): my cat"])
            #expect(try await tester.send(media: "https://example.com/photos/dog.png") == ["Got dog.png (image/png)"])
            let file = try await tester.send(media: "https://example.com/d/7f3a", filename: "invoice.pdf", mimeType: "application/pdf")
            #expect(file == ["Got invoice.pdf (application/pdf)"])
        }
    }

    @Test("the bot sees a person's edit as message.edited, with the new text in ctx.text")
    func editedMessage() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            let first = try await tester.send("see you at 5")
            #expect(first == ["You said: see you at 5"])
            #expect(try await tester.editLastMessage(to: "see you at 6") == ["Edited to: see you at 6"])
            #expect(try await tester.received().map { $0.text } == ["see you at 6"])
        }
    }

    @Test("the bot sees the person start and stop typing")
    func typingBubble() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            let started = try await tester.startTyping()
            #expect(started.isEmpty, "the bot notes it and says nothing")
            #expect(try await tester.session()["typing"] == true)
            #expect(try await tester.stopTyping().isEmpty)
            #expect(try await tester.session()["typing"] == false)
        }
    }

    @Test("the bot sees a shared contact card and greets the person by name")
    func contactCard() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            try await tester.send("hi")
            #expect(try await tester.shareContactCard(firstName: "Jane", lastName: "Doe") == ["Nice to meet you, Jane Doe."])
        }
    }

    @Test("the bot sees a tapback on its message and the tapback taken back")
    func tapbackAndRemoval() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            try await tester.send("hello")
            let answer = try #require(try await tester.sentMessages().first?["id"]?.stringValue)
            #expect(try await tester.react(.love, to: MessageID(answer)) == ["Thanks for the love!"])
            #expect(try await tester.removeReaction(.love, from: MessageID(answer)) == ["You took back your love."])
        }
    }
}
