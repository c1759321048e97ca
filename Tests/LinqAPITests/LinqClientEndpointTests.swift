import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import Testing

/// What `client.chats` and its nested resources send, and what they return.
@Suite struct LinqClientChatEndpointTests {
    let chatID: ChatID = "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357"

    @Test("chats.create posts the request with a key in message.idempotency_key")
    func createChat() async throws {
        let harness = EndpointHarness(try .fixture(201, "chats.create.201.json"))
        let created = try await harness.client.chats.create(
            CreateChatRequest(from: "+15555550100", to: ["+15555550123"], message: .text("Hello!"), overrideOptOut: true)
        )
        let request = try harness.request
        let body = try EndpointHarness.json(request.body)
        let key = try #require(body["message"]?["idempotency_key"]?.stringValue)
        #expect(key.hasPrefix("lq-"))
        try harness.expect(.post, "/v3/chats", body: [
            "from": "+15555550100", "to": ["+15555550123"], "override_optout": true,
            "message": ["parts": [["type": "text", "value": "Hello!"]], "idempotency_key": .string(key)],
        ])
        #expect(created.chat.id == "4a6c8e0b-2d3f-4f5a-8b7c-9e1d3f5a7c91")
        #expect(created.chat.message.id == "9e1a3c5d-7f8b-4a0c-9d2e-5d7f9b1c3e79")
    }

    @Test("chats.list sends from, to, limit and cursor with + as %2B")
    func listChats() async throws {
        let harness = EndpointHarness(try .fixture(200, "chats.list.page.200.json"))
        let page = try await harness.client.chats.list(from: "+15555550100", to: "a@b.com", limit: 3, cursor: "20")
        try harness.expect(.get, "/v3/chats?from=%2B15555550100&to=a%40b.com&limit=3&cursor=20")
        #expect(page.chats.count == 3)
        #expect(page.nextCursor == "3")
    }

    @Test("chats.list without arguments sends no query")
    func listChatsPlain() async throws {
        let harness = EndpointHarness(try .fixture(200, "chats.list.page.200.json"))
        _ = try await harness.client.chats.list()
        try harness.expect(.get, "/v3/chats")
    }

    @Test("chats.get reads one chat")
    func getChat() async throws {
        let harness = EndpointHarness(try .fixture(200, "chats.retrieve.200.json"))
        let chat = try await harness.client.chats.get(chatID)
        try harness.expect(.get, "/v3/chats/\(chatID)")
        #expect(chat.id == chatID)
        #expect(chat.service == .iMessage)
    }

    @Test("chats.update puts the new name and icon")
    func updateChat() async throws {
        let harness = EndpointHarness(.json(200, #"{"chat_id":"7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357","status":"accepted"}"#))
        let result = try await harness.client.chats.update(
            chatID, UpdateChatRequest(displayName: "Dinner", groupChatIcon: "https://example.com/i.png")
        )
        try harness.expect(.put, "/v3/chats/\(chatID)", body: ["display_name": "Dinner", "group_chat_icon": "https://example.com/i.png"])
        #expect(result.chatID == chatID)
        #expect(result.status == "accepted")
    }

    @Test("chats.leave posts without a body and returns the status")
    func leave() async throws {
        let harness = EndpointHarness(.json(200, #"{"message":"Left","status":"accepted","trace_id":"abc"}"#))
        let result = try await harness.client.chats.leave(chatID)
        try harness.expect(.post, "/v3/chats/\(chatID)/leave")
        #expect(result == LinqStatusResponse(message: "Left", status: "accepted", traceID: "abc"))
    }

    @Test("chats.markRead and shareContactCard post without a body and accept */*")
    func bodilessChatCalls() async throws {
        let read = EndpointHarness(.noContent)
        try await read.client.chats.markRead(chatID)
        try read.expect(.post, "/v3/chats/\(chatID)/read", accept: "*/*")

        let share = EndpointHarness(.noContent)
        try await share.client.chats.shareContactCard(in: chatID)
        try share.expect(.post, "/v3/chats/\(chatID)/share_contact_card", accept: "*/*")
    }

    @Test("chats.sendVoiceMemo posts the URL or attachment")
    func voiceMemo() async throws {
        let answer = #"""
            {"voice_memo":{"id":"1b3d5f7a-9c0e-4a2b-8d4f-6a8c0e2b4d61","created_at":"2026-03-10T15:00:00Z","from":"+15555550100",
            "status":"queued","to":["+15555550123"],"service":"iMessage",
            "chat":{"id":"7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357","handles":[],"is_active":true,"is_group":false,"service":"iMessage"},
            "voice_memo":{"id":"2c4e6a8b-0d1f-4b3c-9e5a-7b9d1f3a5c72","filename":"memo.m4a","mime_type":"audio/x-m4a","size_bytes":1200,
            "url":"https://cdn.linqapp.com/memo.m4a","duration_ms":3100}}}
            """#
        let harness = EndpointHarness(.json(202, answer))
        let result = try await harness.client.chats.sendVoiceMemo(to: chatID, VoiceMemoRequest(url: "https://example.com/memo.m4a"))
        try harness.expect(.post, "/v3/chats/\(chatID)/voicememo", body: ["voice_memo_url": "https://example.com/memo.m4a"])
        #expect(result.voiceMemo.voiceMemo.durationMs == 3100)
        #expect(result.voiceMemo.chat.id == chatID)
    }

    @Test("chats.messages.send posts the message with a generated key")
    func sendMessage() async throws {
        let harness = EndpointHarness(try .fixture(202, "chats.messages.send.202.json"))
        let sent = try await harness.client.chats.messages.send(to: chatID, .text("On my way"), overrideOptOut: false)
        let key = try #require(try EndpointHarness.json(harness.request.body)["message"]?["idempotency_key"]?.stringValue)
        try harness.expect(.post, "/v3/chats/\(chatID)/messages", body: [
            "message": ["parts": [["type": "text", "value": "On my way"]], "idempotency_key": .string(key)],
            "override_optout": false,
        ])
        #expect(!key.isEmpty)
        #expect(sent.chatID == chatID)
        #expect(sent.message.id == "0f2b4d6e-8a9c-4c1d-a3f5-6e8a0c2d4f24")
    }

    @Test("chats.messages.list sends cursor and limit")
    func listMessages() async throws {
        let harness = EndpointHarness(try .fixture(200, "chats.messages.list.page.200.json"))
        let page = try await harness.client.chats.messages.list(in: chatID, limit: 2, cursor: "50")
        try harness.expect(.get, "/v3/chats/\(chatID)/messages?cursor=50&limit=2")
        #expect(page.messages.map(\.id) == ["8d0f2b4c-6e8a-4c0e-b2d4-6f8a0c2e4b79", "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02"])
        #expect(page.nextCursor == nil)
    }

    @Test("participants.add posts and participants.remove deletes with a JSON body")
    func participants() async throws {
        let add = EndpointHarness(.json(202, #"{"message":"Participant add queued","status":"accepted"}"#))
        let added = try await add.client.chats.participants.add("+15555550124", to: chatID)
        try add.expect(.post, "/v3/chats/\(chatID)/participants", body: ["handle": "+15555550124"])
        #expect(added.status == "accepted")

        let remove = EndpointHarness(.json(202, #"{"message":"Participant removal queued","trace_id":"t1"}"#))
        let removed = try await remove.client.chats.participants.remove("+15555550124", from: chatID)
        try remove.expect(.delete, "/v3/chats/\(chatID)/participants", body: ["handle": "+15555550124"])
        #expect(removed.traceID == "t1")
    }

    @Test("typing.start posts and typing.stop deletes, both without a body")
    func typing() async throws {
        let start = EndpointHarness(.noContent)
        try await start.client.chats.typing.start(in: chatID)
        try start.expect(.post, "/v3/chats/\(chatID)/typing", accept: "*/*")

        let stop = EndpointHarness(.noContent)
        try await stop.client.chats.typing.stop(in: chatID)
        try stop.expect(.delete, "/v3/chats/\(chatID)/typing", accept: "*/*")
    }

    @Test("location.request posts, location.get accepts geo+json, location.stop deletes with a JSON body")
    func location() async throws {
        let ask = EndpointHarness(.json(200, #"{"success":true,"message":"Location request sent"}"#))
        let asked = try await ask.client.chats.location.request(in: chatID)
        try ask.expect(.post, "/v3/chats/\(chatID)/location/request")
        #expect(asked.message == "Location request sent")

        let answer = #"""
            {"success":true,"data":{"type":"FeatureCollection","features":[{"type":"Feature",
            "geometry":{"type":"Point","coordinates":[-122.41,37.77]},
            "properties":{"handle":"+15555550123","locality":"San Francisco","updated_at":"2026-03-10T15:00:00Z"}}]}}
            """#
        let get = EndpointHarness(.json(200, answer))
        let shared = try await get.client.chats.location.get(in: chatID)
        try get.expect(.get, "/v3/chats/\(chatID)/location", accept: "application/geo+json")
        #expect(shared.data.features.first?.geometry.latitude == 37.77)
        #expect(shared.data.features.first?.properties.handle == "+15555550123")

        let stop = EndpointHarness(.json(202, #"{"success":true,"message":"Location sharing stopped"}"#))
        let stopped = try await stop.client.chats.location.stop("+15555550123", in: chatID)
        try stop.expect(.delete, "/v3/chats/\(chatID)/location", body: ["handle": "+15555550123"])
        #expect(stopped.success)
    }

    @Test("an error answer surfaces as a typed LinqAPIError")
    func errorAnswer() async throws {
        let harness = EndpointHarness(try .fixture(404, "error.404.2001.chat-not-found.json"))
        let error = try await #require(throws: LinqAPIError.self) { try await harness.client.chats.get(chatID) }
        #expect(error.code == .chatNotFound)
        #expect(error.isNotFound)
    }
}
