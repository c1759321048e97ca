import LinqAPI
import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// Reading back what the bot made: files, voice memos, edits, contact cards, group changes,
/// and the whole conversation as a transcript.
@Suite struct ReadbackTests {
    static func makeBot() -> Bot {
        let bot = Bot(configuration: .init(botID: "readback-bot"))
        // The card is shared on request here, so the transcript shows exactly what the handlers did.
        bot.useLineHealth(LineHealthConfiguration(shareContactCard: false))
        bot.onText(.keyword("menu")) { ctx, _ in
            try await ctx.reply(MessageContent(parts: [.text("Here is our menu"), .media(url: "https://example.com/files/menu.pdf")]))
        }
        bot.onText(.keyword("photo")) { ctx, _ in
            try await ctx.reply(MessageContent(parts: [.media(url: "https://example.com/img/photo.jpg")]))
        }
        bot.onText(.keyword("card")) { ctx, _ in try await ctx.shareContactCard() }
        bot.onText(.keyword("memo")) { ctx, _ in
            try await ctx.sendVoiceMemo(url: "https://example.com/audio/hello.m4a")
        }
        bot.onText(.keyword("when")) { ctx, _ in
            guard case .sent(let message) = try await ctx.reply("See you at 5") else { return }
            try await ctx.edit(message.id, text: "See you at 6")
        }
        bot.onText(.regex("^add ")) { ctx, text in
            try await ctx.addParticipant(String(text.dropFirst(4)))
        }
        bot.onText(.regex("^drop ")) { ctx, text in
            try await ctx.removeParticipant(String(text.dropFirst(5)))
        }
        bot.onText(.regex("^name ")) { ctx, text in
            try await ctx.renameGroup(String(text.dropFirst(5)))
        }
        bot.onText(.keyword("bye")) { ctx, _ in
            try await ctx.leaveChat()
        }
        bot.on(.reaction) { ctx in
            guard let tapback = ctx.reaction, !tapback.isFromMe else { return }
            try await ctx.react(.add(.love), to: tapback.messageID)
        }
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        return bot
    }

    @Test("files the bot sends by URL read back with their names and types")
    func media() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            #expect(try await tester.send("menu") == ["Here is our menu"])
            try await tester.send("photo")
            #expect(
                try await tester.media() == [
                    BotTester.SentMedia(url: "https://example.com/files/menu.pdf", filename: "menu.pdf", mimeType: "application/pdf"),
                    BotTester.SentMedia(url: "https://example.com/img/photo.jpg", filename: "photo.jpg", mimeType: "image/jpeg"),
                ]
            )
            #expect(try await tester.voiceMemos().isEmpty)
        }
    }

    @Test("a voice memo, an edit and a contact-card share read back")
    func memoEditAndCard() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            try await tester.send("memo")
            #expect(
                try await tester.voiceMemos() == [BotTester.SentMedia(url: "https://example.com/audio/hello.m4a", filename: "hello.m4a", mimeType: "audio/x-m4a")]
            )
            #expect(try await tester.media().isEmpty, "a voice memo is not an ordinary file")
            #expect(try await tester.contactCardShares() == 0)
            try await tester.send("card")
            #expect(try await tester.contactCardShares() == 1)
            #expect(try await tester.send("when") == ["See you at 6"], "the bot's message as it reads now")
            let edits = try await tester.edits()
            #expect(edits.map(\.text) == ["See you at 6"])
            #expect(try await tester.sentMessages().last?["id"]?.stringValue == edits.first?.messageID.rawValue)
        }
    }

    @Test("participants the bot adds and removes, its rename and its leaving read back as group changes")
    func groupChanges() async throws {
        let (ann, ben, cy, dee) = ("+15555550141", "+15555550142", "+15555550143", "+15555550144")
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            let group = try await tester.startGroup(with: [ann, ben, cy])
            try await tester.send("add \(dee)", in: group, from: ann)
            try await tester.send("drop \(ben)", in: group, from: ann)
            try await tester.send("name Walkers", in: group, from: cy)
            try await tester.send("bye", in: group, from: ann)
            #expect(
                try await tester.groupChanges(in: group) == [
                    .added(dee, by: tester.line), .removed(ben, by: tester.line), .renamed("Walkers", by: tester.line), .left,
                ]
            )
            #expect(try await tester.members(of: group) == [ann, cy, dee])
        }
    }

    @Test("the transcript shows a short conversation line by line")
    func transcript() async throws {
        let tester = try await BotTester(bot: Self.makeBot())
        try await tester.run {
            try await tester.send("hello")
            try await tester.send(media: "https://example.com/photos/cat.jpg", caption: "my cat")
            let cat = try #require(try await tester.received().last?.id)
            try await tester.edit(cat, to: "my cat Tom")
            try await tester.send("card")
            try await tester.send("when")
            try await tester.shareContactCard(firstName: "Jane", lastName: "Doe")
            let answer = try #require(try await tester.sentMessages().first?["id"]?.stringValue)
            try await tester.react(.like, to: MessageID(answer))
            #expect(
                try await tester.transcript() == """
                    person: hello
                    bot: You said: hello
                    person: my cat [image cat.jpg]
                    bot: You said: my cat
                    person: (edited) my cat Tom
                    person: card
                    bot: [contact card]
                    person: when
                    bot: See you at 5
                    bot: (edited) See you at 6
                    person: [contact card Jane Doe]
                    person: 👍 on "You said: hello"
                    bot: ♥ on "You said: hello"
                    """
            )
        }
    }
}
