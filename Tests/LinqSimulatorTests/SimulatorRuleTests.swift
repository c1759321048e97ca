import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import LinqSimulator
import Testing

/// Linq's rules as the simulator enforces them: status, code and body shape.
@Suite struct SimulatorRuleTests {
    let sim = SimulatorHarness()

    func create(_ to: [String] = [SimulatorHarness.alice], _ content: MessageContent = .text("Hi there"), from: String = SimulatorHarness.line) async throws -> CreateChatResponse {
        try await sim.client.chats.create(CreateChatRequest(from: from, to: to, message: content))
    }

    func expectError(_ pair: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(pair), got success")
        } catch let error as LinqAPIError {
            #expect(error.pair == pair, "\(error)")
            #expect(error.traceID?.count == 32)
            #expect(error.docURL?.hasPrefix("https://docs.linqapp.com/error/codes/") == true)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("creating a chat answers 201 with the chat and its first message; the same people reuse the chat")
    func createAndReuse() async throws {
        let response = await sim.raw("POST", "/v3/chats", body: #"{"from":"+15555550100","to":["+15555550123"],"message":{"parts":[{"type":"text","value":"Hi"}]}}"#)
        #expect(response.status == 201)
        #expect(response.headers.contains { $0.0 == "X-Trace-ID" && $0.1.count == 32 })
        let first = try LinqJSON.makeDecoder().decode(CreateChatResponse.self, from: response.body)
        #expect(first.chat.message.deliveryStatus == .delivered)
        #expect(first.chat.handles.contains { $0.isMe == true && $0.handle == SimulatorHarness.line })
        let again = try await create()
        #expect(again.chat.id == first.chat.id)
        let fetched = try await sim.client.chats.get(first.chat.id)
        #expect(fetched.handles.count == 2 && !fetched.isGroup)
    }

    @Test("a text send's body and answer take the quick coders, which agree with Foundation's")
    func quickCodersServeTextSends() async throws {
        let chat = try await create().chat.id
        let request = SendMessageRequest(message: .text("See you at 3 \"sharp\"", idempotencyKey: "evt-1-step-0"))
        let body = try #require(request.quickJSON())
        let response = await sim.raw("POST", "/v3/chats/\(chat.rawValue)/messages", body: String(decoding: body, as: UTF8.self))
        #expect(response.status == 202)
        let quick = try #require(SendMessageResponse.quickDecoded(from: response.body), "\(String(decoding: response.body, as: UTF8.self))")
        #expect(quick == (try LinqJSON.makeDecoder().decode(SendMessageResponse.self, from: response.body)))
        #expect(quick.message.parts.first?.text == "See you at 3 \"sharp\"")
    }

    @Test("an idempotency key replays the first answer and sends nothing twice")
    func idempotency() async throws {
        let one = try await create([SimulatorHarness.alice], MessageContent.text("Once", idempotencyKey: "booking-7"))
        let two = try await create([SimulatorHarness.alice], MessageContent.text("Once", idempotencyKey: "booking-7"))
        #expect(one.chat.message.id == two.chat.message.id)
        let messages = try await sim.client.chats.messages.list(in: one.chat.id)
        #expect(messages.messages.count == 1)
    }

    @Test("the 31st message to one person within 60 s is 429 / 1007 with Retry-After, and passes once the window moves")
    func perPairLimit() async throws {
        let chat = try await create().chat.id
        for index in 1..<30 { try await sim.client.chats.messages.send(to: chat, .text("message \(index)")) }
        sim.wall.advance(seconds: 20)
        do {
            try await sim.client.chats.messages.send(to: chat, .text("one too many"))
            Issue.record("expected 429")
        } catch let error as LinqAPIError {
            #expect(error.pair == "429/1007")
            #expect(error.retryAfter == .seconds(40))
        }
        sim.wall.advance(seconds: 40)
        try await sim.client.chats.messages.send(to: chat, .text("allowed again"))
    }

    @Test("STOP opts a person out (403 / 2024) unless override_optout; any other message opts them back in")
    func optOut() async throws {
        let chat = try await create().chat.id
        try await sim.personSends("STOP")
        await expectError("403/2024") { try await sim.client.chats.messages.send(to: chat, .text("Are you sure?")) }
        await expectError("403/2024") { _ = try await create() }
        try await sim.client.chats.messages.send(to: chat, .text("You are unsubscribed."), overrideOptOut: true)
        let health = try await sim.client.chats.get(chat).healthStatus.status
        #expect(health == .optedOut)
        try await sim.personSends("actually, keep me posted")
        try await sim.client.chats.messages.send(to: chat, .text("Welcome back"))
    }

    @Test("Linq's keywords match exactly, except OPT OUT in any form", arguments: [
        ("STOP", true), ("stop", false), (" QUIT ", true), ("Opt-Out", true), ("opt out", true), ("optout", true), ("please STOP", false), ("END", true),
    ])
    func keywords(text: String, optsOut: Bool) async throws {
        let chat = try await create().chat.id
        try await sim.personSends(text)
        do {
            try await sim.client.chats.messages.send(to: chat, .text("ping"))
            #expect(!optsOut)
        } catch let error as LinqAPIError {
            #expect(optsOut && error.pair == "403/2024")
        }
    }

    @Test("a link in a new chat's first message is 400 / 1005; later messages may carry links")
    func firstMessageLink() async throws {
        await expectError("400/1005") { _ = try await create([SimulatorHarness.alice], MessageContent(parts: [.link("https://example.com")])) }
        await expectError("400/1005") { _ = try await create([SimulatorHarness.alice], .text("see https://example.com/x")) }
        let chat = try await create().chat.id
        try await sim.client.chats.messages.send(to: chat, MessageContent(parts: [.link("https://example.com")]))
    }

    @Test("malformed handles and bodies get the matching 1xxx code", arguments: [
        (#"{"from":"+15555550100","to":["555-0123"],"message":{"parts":[{"type":"text","value":"x"}]}}"#, "400/1002"),
        (#"{"from":"+15555550100","to":["+15555550123"]}"#, "400/1001"),
        (#"{"from":"+15555550100","to":"+15555550123","message":{"parts":[{"type":"text","value":"x"}]}}"#, "400/1005"),
        ("{not json", "400/1003"),
        (#"{"from":"+15555550100","to":["+15555550123"],"message":{"parts":[{"type":"text","value":"a"},{"type":"text","value":"b"}]}}"#, "400/1004"),
        (#"{"from":"+15555550999","to":["+15555550123"],"message":{"parts":[{"type":"text","value":"x"}]}}"#, "403/2006"),
    ])
    func malformed(body: String, expected: String) async throws {
        let response = await sim.raw("POST", "/v3/chats", body: body)
        let error = try JSONDecoder().decode(LinqErrorBody.self, from: response.body)
        #expect("\(response.status)/\(error.error.code ?? 0)" == expected)
        #expect(error.success == false)
        #expect(error.traceID?.count == 32)
    }

    @Test("no or wrong key is 401 / 2004")
    func authentication() async throws {
        for key in [nil, "wrong"] as [String?] {
            let response = await sim.raw("GET", "/v3/chats", key: key)
            #expect(response.status == 401)
            #expect(try JSONDecoder().decode(LinqErrorBody.self, from: response.body).error.code == 2004)
        }
    }

    @Test("typing shows only in iMessage chats; both answer 204")
    func typing() async throws {
        let imessage = try await create().chat.id
        try await sim.client.chats.typing.start(in: imessage)
        let state = try await sim.control("GET", "/sim/chats/\(imessage.rawValue)/messages").json
        #expect(state["line_typing"] == true)
        try await sim.control("PUT", "/sim/handles/+15555550147/capabilities", ["imessage": false, "rcs": false, "sms": true])
        let sms = try await create(["+15555550147"]).chat
        #expect(sms.service == .sms)
        try await sim.client.chats.typing.start(in: sms.id)
        #expect(try await sim.control("GET", "/sim/chats/\(sms.id.rawValue)/messages").json["line_typing"] == false)
    }

    @Test("contact cards: 404 / 2012 without a card; at most one share per chat per 5 minutes")
    func contactCard() async throws {
        let chat = try await create().chat.id
        try await sim.client.chats.shareContactCard(in: chat)
        await expectError("429/1007") { try await sim.client.chats.shareContactCard(in: chat) }
        sim.wall.advance(seconds: 301)
        try await sim.client.chats.shareContactCard(in: chat)

        let noCard = SimulatorHarness(configuration: SimulatorConfiguration(contactCards: [:], deliveryDelay: .zero))
        let other = try await noCard.client.chats.create(CreateChatRequest(from: SimulatorHarness.line, to: [SimulatorHarness.alice], message: .text("Hi")))
        do {
            try await noCard.client.chats.shareContactCard(in: other.chat.id)
            Issue.record("expected 404")
        } catch let error as LinqAPIError {
            #expect(error.pair == "404/2012")
        }
    }

    @Test("group rules: participants change only in groups of 3 or more, and 3 must remain")
    func groups() async throws {
        let direct = try await create().chat.id
        await expectError("400/1006") { _ = try await sim.client.chats.participants.add("+15555550199", to: direct) }
        let group = try await create(["+15555550123", "+15555550147"]).chat
        #expect(group.isGroup)
        _ = try await sim.client.chats.participants.add("+15555550199", to: group.id)
        _ = try await sim.client.chats.participants.remove("+15555550199", from: group.id)
        await expectError("400/1005") { _ = try await sim.client.chats.participants.remove("+15555550147", from: group.id) }
    }

    @Test("a flagged line refuses writes with 403 / 2027 until unflagged")
    func flaggedLine() async throws {
        let chat = try await create().chat.id
        #expect(try await sim.control("POST", "/sim/lines/+15555550100/flag").json["status"] == "FLAGGED")
        await expectError("403/2027") { try await sim.client.chats.messages.send(to: chat, .text("hello?")) }
        await expectError("403/2027") { try await sim.client.chats.typing.start(in: chat) }
        _ = try await sim.client.chats.get(chat)  // reads still work
        try await sim.control("POST", "/sim/lines/+15555550100/unflag")
        try await sim.client.chats.messages.send(to: chat, .text("back"))
    }

    @Test("edits: at most 5, within 15 minutes; deleting frees nothing: the key then answers 404")
    func editAndDelete() async throws {
        let sent = try await create([SimulatorHarness.alice], MessageContent.text("Draft", idempotencyKey: "draft-1")).chat.message.id
        for index in 1...5 { _ = try await sim.client.messages.edit(sent, EditMessageRequest(text: "Edit \(index)")) }
        await expectError("400/1005") { _ = try await sim.client.messages.edit(sent, EditMessageRequest(text: "Edit 6")) }
        #expect(try await sim.client.messages.get(sent).parts?.first?.text == "Edit 5")
        try await sim.client.messages.delete(sent)
        await expectError("404/2002") { _ = try await sim.client.messages.get(sent) }
        await expectError("404/2002") { _ = try await create([SimulatorHarness.alice], MessageContent.text("Draft", idempotencyKey: "draft-1")) }
    }

    @Test("listAll pages through every chat")
    func pagination() async throws {
        for index in 0..<7 { _ = try await create(["+1555555020\(index)"]) }
        var seen: [ChatID] = []
        for try await chat in sim.client.chats.listAll(from: SimulatorHarness.line, limit: 3) { seen.append(chat.id) }
        #expect(seen.count == 7 && Set(seen).count == 7)
    }
}
