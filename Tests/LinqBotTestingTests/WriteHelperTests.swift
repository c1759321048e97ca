import Foundation
import LinqAPI
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// Each write helper of the context reaches the simulated Linq with the right call while the
/// person is subscribed.
@Suite struct WriteHelperTests {
    /// Runs `body` with a tester for ``WriteActionBot`` after the person said hello.
    private func withBot(_ body: (BotTester, Bot) async throws -> Void) async throws {
        let bot = WriteActionBot.make(shareContactCard: false)
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            #expect(try await tester.send("hello") == ["You said: hello"])
            try await body(tester, bot)
        }
    }

    /// The calls of `kind` that reached `handle` since `start`.
    private func calls(_ tester: BotTester, _ kind: SimulatorLoggedRequest.Kind, to handle: String? = nil) -> [SimulatorLoggedRequest] {
        tester.requests(involving: handle ?? tester.person).filter { $0.kind == kind }
    }

    @Test("An image from memory is uploaded, then sent as a media part with its caption")
    func mediaFromData() async throws {
        try await withBot { tester, _ in
            try await tester.send("do media_data")
            #expect(try await tester.session()["result"] == "sent")
            let sent = try #require(try await tester.sentMessages().last)
            #expect(sent["parts"]?[0]?["type"] == "media")
            #expect(sent["parts"]?[0]?["filename"] == "chart.png")
            #expect(sent["parts"]?[0]?["mime_type"] == "image/png")
            #expect(sent["parts"]?[1]?["value"] == "Your chart")
            #expect(calls(tester, .message).last?.status == 202)
        }
    }

    @Test("A local file is read, uploaded and sent; a URL is sent for Linq to fetch")
    func mediaFromFileAndURL() async throws {
        try await withBot { tester, _ in
            try await tester.send("do media_file")
            let file = try #require(try await tester.sentMessages().last)
            #expect(file["parts"]?[0]?["mime_type"] == "application/pdf")
            #expect(file["parts"]?[0]?["filename"]?.stringValue?.hasSuffix(".pdf") == true)
            try await tester.send("do media_url")
            let fetched = try #require(try await tester.sentMessages().last)
            #expect(fetched["parts"]?[0]?["type"] == "media")
            #expect(fetched["parts"]?[1]?["value"] == "Today's menu")
        }
    }

    @Test("Voice memos go out from a URL and from memory")
    func voiceMemos() async throws {
        try await withBot { tester, _ in
            try await tester.send("do voice_memo_url")
            #expect(try await tester.session()["result"] == "sent")
            try await tester.send("do voice_memo_data")
            #expect(try await tester.session()["result"] == "sent")
            #expect(calls(tester, .voiceMemo).map(\.status) == [202, 202])
        }
    }

    @Test("An edit changes our message in the simulator; a delete removes it")
    func editAndDelete() async throws {
        try await withBot { tester, _ in
            try await tester.send("do edit")
            #expect(try await tester.replies().first == "Edited text")
            #expect(calls(tester, .edit).map(\.status) == [200])
            try await tester.send("do delete")
            #expect(calls(tester, .delete).map(\.status) == [204])
            #expect(try await tester.replies().contains("Edited text") == false)
        }
    }

    @Test("A tapback, a read mark, a typing indicator, a location request reach the chat")
    func chatSignals() async throws {
        try await withBot { tester, _ in
            for action in ["react", "mark_read", "location_request"] { try await tester.send("do \(action)") }
            #expect(try await tester.tapbacks() == [BotTester.Tapback(type: "love", messageText: "You said: hello")])
            #expect(calls(tester, .reaction).map(\.status) == [200])
            #expect(calls(tester, .read).map(\.status) == [204])
            #expect(calls(tester, .locationRequest).map(\.status) == [200])
            // Nobody shares a location, so Linq answers 404, but the call went out.
            try await tester.send("do location_stop")
            #expect(calls(tester, .locationStop).map(\.status) == [404])
            // A sticker we never placed cannot move; the call still reaches Linq.
            try await tester.send("do sticker_move")
            #expect(calls(tester, .stickerMove).map(\.status) == [404])
        }
    }

    @Test("An app card update arrives as a new message")
    func appCardUpdate() async throws {
        try await withBot { tester, _ in
            try await tester.send("do app_card")
            let before = try await tester.sentMessages().count
            try await tester.send("do app_card_update")
            #expect(try await tester.session()["result"] == "sent")
            #expect(calls(tester, .appCardUpdate).map(\.status) == [202])
            #expect(try await tester.sentMessages().count == before + 1)
            #expect(try await tester.sentMessages().last?["parts"]?[0]?["type"] == "imessage_app")
        }
    }

    @Test("POST /v3/messages reaches the person under an idempotency key")
    func autoFrom() async throws {
        try await withBot { tester, _ in
            try await tester.send("do auto_from")
            #expect(try await tester.replies().last == "From any line")
            let call = try #require(calls(tester, .message).last)
            #expect(call.status == 202)
            #expect(call.chatID == nil && call.recipients == [tester.person])
            #expect(call.idempotencyKey?.isEmpty == false)
        }
    }

    @Test("A first message to several people starts a group")
    func startGroup() async throws {
        try await withBot { tester, _ in
            try await tester.send("do start_group")
            #expect(try await tester.session()["result"] == "sent")
            let groups = try await tester.client.chats.list(from: tester.line, to: WriteActionBot.friend).chats.filter(\.isGroup)
            #expect(groups.count == 1)
            #expect(Set(groups.first?.handles.map(\.handle) ?? []) == [tester.line, tester.person, WriteActionBot.friend])
        }
    }

    @Test("Group changes from a flow: add, rename, leave; remove in another group")
    func groupChanges() async throws {
        try await withBot { tester, bot in
            let group = try await tester.client.chats.create(
                CreateChatRequest(from: tester.line, to: [tester.person, WriteActionBot.friend], message: .text("Hello, team"))
            ).chat.id
            for action in ["add_participant", "rename_group", "leave"] {
                try await tester.app.startFlow(named: "act", in: group, data: ["action": .string(action)])
                try await tester.settle()
            }
            let chat = try await tester.client.chats.get(group)
            #expect(chat.displayName == "Team")
            #expect(chat.handles.contains { $0.handle == WriteActionBot.neighbour })
            #expect(calls(tester, .participantAdded, to: WriteActionBot.neighbour).map(\.status) == [202])
            #expect(calls(tester, .chatUpdate).map(\.status) == [200])
            #expect(calls(tester, .leave).map(\.status) == [200])

            let other = try await tester.client.chats.create(CreateChatRequest(
                from: tester.line, to: [tester.person, WriteActionBot.friend, WriteActionBot.neighbour], message: .text("Hello, all")
            )).chat.id
            try await tester.app.startFlow(named: "act", in: other, data: ["action": "remove_participant"])
            try await tester.settle()
            #expect(calls(tester, .participantRemoved).map(\.status) == [202])
            #expect(try await tester.client.chats.get(other).handles.first { $0.handle == WriteActionBot.friend }?.status == .removed)
        }
    }
}
