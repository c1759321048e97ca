import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import Testing

/// Idempotency keys on sends, and walking cursor pages.
@Suite struct LinqClientIdempotencyAndPagingTests {
    let chatID: ChatID = "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357"

    static func bodyKey(_ request: LinqHTTPRequest) throws -> String? {
        try EndpointHarness.json(request.body)["message"]?["idempotency_key"]?.stringValue
    }

    @Test("a caller's key is kept by chats.create and chats.messages.send")
    func callerKeyKept() async throws {
        let create = EndpointHarness(try .fixture(201, "chats.create.201.json"))
        _ = try await create.client.chats.create(
            CreateChatRequest(from: "+15555550100", to: ["+15555550123"], message: .text("Hi", idempotencyKey: "welcome-1"))
        )
        #expect(try Self.bodyKey(create.request) == "welcome-1")

        let send = EndpointHarness(try .fixture(202, "chats.messages.send.202.json"))
        _ = try await send.client.chats.messages.send(to: chatID, .text("Hi", idempotencyKey: "reply-1"))
        #expect(try Self.bodyKey(send.request) == "reply-1")
    }

    @Test("each call without a key gets a different generated key")
    func generatedKeysDiffer() async throws {
        let harness = EndpointHarness(try .fixture(202, "chats.messages.send.202.json"), try .fixture(202, "chats.messages.send.202.json"))
        _ = try await harness.client.chats.messages.send(to: chatID, .text("One"))
        _ = try await harness.client.chats.messages.send(to: chatID, .text("Two"))
        let keys = try harness.transport.requests.map { try #require(try Self.bodyKey($0)) }
        #expect(keys.count == 2)
        #expect(keys[0] != keys[1])
    }

    @Test("after a 503 the retry of chats.create carries the same body key")
    func createRetrySameKey() async throws {
        let harness = EndpointHarness(.error(503, code: 3001), try .fixture(201, "chats.create.201.json"))
        let client = harness.client
        let call = Task {
            try await client.chats.create(CreateChatRequest(from: "+15555550100", to: ["+15555550123"], message: .text("Hello")))
        }
        #expect(await harness.clock.nextSleep() == .milliseconds(500))
        _ = try await call.value
        let requests = harness.transport.requests
        #expect(requests.count == 2)
        let first = try #require(try Self.bodyKey(requests[0]))
        #expect(try Self.bodyKey(requests[1]) == first)
        #expect(requests[0].body == requests[1].body)
    }

    @Test("after a 503 the retry of chats.messages.send carries the same body key")
    func sendRetrySameKey() async throws {
        let harness = EndpointHarness(.error(503, code: 3001), try .fixture(202, "chats.messages.send.202.json"))
        let client = harness.client
        let chatID = chatID
        let call = Task { try await client.chats.messages.send(to: chatID, .text("Hello")) }
        _ = await harness.clock.nextSleep()
        _ = try await call.value
        let requests = harness.transport.requests
        #expect(requests.count == 2)
        let first = try #require(try Self.bodyKey(requests[0]))
        #expect(try Self.bodyKey(requests[1]) == first)
    }

    @Test("after a 503 the retry of messages.create carries the same Idempotency-Key header")
    func messagesCreateRetrySameKey() async throws {
        let harness = EndpointHarness(.error(503, code: 3001), try .fixture(202, "messages.create.202.json"))
        let client = harness.client
        let call = Task { try await client.messages.create(CreateMessageRequest(to: ["+15555550199"], message: .text("Hi"))) }
        _ = await harness.clock.nextSleep()
        let sent = try await call.value
        #expect(sent.createdNewChat)
        let requests = harness.transport.requests
        #expect(requests.count == 2)
        let first = try #require(requests[0].headers["Idempotency-Key"])
        #expect(requests[1].headers["Idempotency-Key"] == first)
    }

    @Test("sends are retried on 409 because they carry a key; plain calls are not")
    func conflictRetried() async throws {
        let harness = EndpointHarness(.error(409, code: 2015), try .fixture(202, "messages.create.202.json"))
        let client = harness.client
        let call = Task { try await client.messages.create(CreateMessageRequest(to: ["+15555550199"], message: .text("Hi"))) }
        _ = await harness.clock.nextSleep()
        _ = try await call.value
        #expect(harness.transport.requests.count == 2)

        let plain = EndpointHarness(.error(409, code: 2015), .json(200, "{}"))
        _ = await #expect(throws: LinqAPIError.self) { try await plain.client.chats.leave(chatID) }
        #expect(plain.transport.requests.count == 1)
    }

    /// A `{"chats": […], "next_cursor": …}` page of chats built from the list fixture's first chat.
    static func chatPage(ids: [String], next: String?) throws -> LinqHTTPResponse {
        let list = try JSONDecoder().decode(JSONValue.self, from: LinqHTTPResponse.fixture(200, "chats.list.page.200.json").body)
        var chat = try #require(list["chats"]?[0]?.objectMembers)
        var chats: [JSONValue] = []
        for id in ids {
            chat["id"] = .string(id)
            chats.append(.object(chat))
        }
        let page: JSONValue = ["chats": .array(chats), "next_cursor": next.map(JSONValue.string) ?? .null]
        return LinqHTTPResponse(status: 200, body: try JSONEncoder().encode(page))
    }

    @Test("chats.listAll walks three pages, passing each cursor back, and stops on a null cursor")
    func listAllChats() async throws {
        let harness = EndpointHarness(
            try Self.chatPage(ids: ["c1", "c2"], next: "2"), try Self.chatPage(ids: ["c3", "c4"], next: "4"),
            try Self.chatPage(ids: ["c5"], next: nil)
        )
        var ids: [ChatID] = []
        for try await chat in harness.client.chats.listAll(from: "+15555550100", limit: 2) { ids.append(chat.id) }
        #expect(ids == ["c1", "c2", "c3", "c4", "c5"])
        let urls = harness.transport.requests.map { $0.url.absoluteString }
        #expect(urls == [
            EndpointHarness.base + "/v3/chats?from=%2B15555550100&limit=2",
            EndpointHarness.base + "/v3/chats?from=%2B15555550100&limit=2&cursor=2",
            EndpointHarness.base + "/v3/chats?from=%2B15555550100&limit=2&cursor=4",
        ])
    }

    /// A `{"messages": […], "next_cursor": …}` page built from the messages fixture's first message.
    static func messagePage(ids: [String], next: String?) throws -> LinqHTTPResponse {
        let list = try JSONDecoder().decode(JSONValue.self, from: LinqHTTPResponse.fixture(200, "chats.messages.list.page.200.json").body)
        var message = try #require(list["messages"]?[0]?.objectMembers)
        var messages: [JSONValue] = []
        for id in ids {
            message["id"] = .string(id)
            messages.append(.object(message))
        }
        let page: JSONValue = ["messages": .array(messages), "next_cursor": next.map(JSONValue.string) ?? .null]
        return LinqHTTPResponse(status: 200, body: try JSONEncoder().encode(page))
    }

    @Test("chats.messages.listAll stops on an empty cursor")
    func listAllMessages() async throws {
        let harness = EndpointHarness(
            try Self.messagePage(ids: ["m1"], next: "a"), try Self.messagePage(ids: ["m2", "m3"], next: "b"),
            try Self.messagePage(ids: ["m4"], next: "")
        )
        var ids: [MessageID] = []
        for try await message in harness.client.chats.messages.listAll(in: chatID) { ids.append(message.id) }
        #expect(ids == ["m1", "m2", "m3", "m4"])
        #expect(harness.transport.requests.map { $0.url.absoluteString } == [
            EndpointHarness.base + "/v3/chats/\(chatID)/messages",
            EndpointHarness.base + "/v3/chats/\(chatID)/messages?cursor=a",
            EndpointHarness.base + "/v3/chats/\(chatID)/messages?cursor=b",
        ])
    }

    @Test("messages.threadAll keeps the order on every page")
    func threadAll() async throws {
        let messageID: MessageID = "8d0f2b4c-6e8a-4c0e-b2d4-6f8a0c2e4b79"
        let harness = EndpointHarness(
            try Self.messagePage(ids: ["t1"], next: "x"), try Self.messagePage(ids: ["t2"], next: "y"), try Self.messagePage(ids: [], next: nil)
        )
        var ids: [MessageID] = []
        for try await message in harness.client.messages.threadAll(of: messageID, order: .ascending) { ids.append(message.id) }
        #expect(ids == ["t1", "t2"])
        #expect(harness.transport.requests.map { $0.url.absoluteString } == [
            EndpointHarness.base + "/v3/messages/\(messageID)/thread?order=asc",
            EndpointHarness.base + "/v3/messages/\(messageID)/thread?cursor=x&order=asc",
            EndpointHarness.base + "/v3/messages/\(messageID)/thread?cursor=y&order=asc",
        ])
    }
}
