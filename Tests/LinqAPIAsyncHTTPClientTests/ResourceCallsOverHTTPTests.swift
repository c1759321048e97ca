import Foundation
import LinqAPI
import LinqAPIAsyncHTTPClient
import LinqFixtures
import LinqModels
import Testing

/// Resource methods end to end over real HTTP: idempotency across retries and pagination.
@Suite struct ResourceCallsOverHTTPTests {
    @Test("a send retried after a 503 carries the same generated idempotency key")
    func idempotencyKeyAcrossRetries() async throws {
        let sent = try Fixtures.data("linq-api/chats.messages.send.202.json")
        let server = FakeLinqServer([
            .json(503, #"{"success":false,"error":{"status":503,"code":3001,"message":"try again"}}"#),
            .json(502, "bad gateway"),
            .json(202, sent),
        ])
        try await server.run { baseURL in
            let transport = AsyncHTTPClientTransport()
            let clock = ObservedClock()
            let client = AsyncHTTPClientTransportTests.client(baseURL: baseURL, transport: transport, clock: clock)
            let call = Task { try await client.chats.messages.send(to: "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357", .text("See you Friday!")) }
            _ = await clock.nextSleep()
            _ = await clock.nextSleep()
            let response = try await call.value
            #expect(!response.message.parts.isEmpty)
            try await transport.shutdown()
        }
        let keys = try server.recorded.map { request -> String in
            let body = try JSONDecoder().decode(JSONValue.self, from: request.body)
            return try #require(body["message"]?["idempotency_key"]?.stringValue)
        }
        #expect(keys.count == 3)
        #expect(Set(keys).count == 1)
        #expect(keys[0].count <= IdempotencyKey.maxLength)
        #expect(server.recorded.allSatisfy { $0.method == "POST" && $0.path == "/api/partner/v3/chats/7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357/messages" })
    }

    @Test("the auto-from send keeps the caller's Idempotency-Key header across a 409 retry")
    func autoFromKey() async throws {
        let created = try Fixtures.data("linq-api/messages.create.202.json")
        let server = FakeLinqServer([
            .json(409, #"{"success":false,"error":{"status":409,"code":2015,"message":"conflict"}}"#), .json(202, created),
        ])
        try await server.run { baseURL in
            let transport = AsyncHTTPClientTransport()
            let clock = ObservedClock()
            let client = AsyncHTTPClientTransportTests.client(baseURL: baseURL, transport: transport, clock: clock)
            let request = CreateMessageRequest(to: ["+15555550123"], message: .text("Your table is ready."))
            let call = Task { try await client.messages.create(request, idempotencyKey: "booking-42-ready") }
            _ = await clock.nextSleep()
            _ = try await call.value
            try await transport.shutdown()
        }
        #expect(server.recorded.map { $0.headers["idempotency-key"] } == ["booking-42-ready", "booking-42-ready"])
    }

    @Test("listAll walks every page, passing each cursor back with + encoded as %2B")
    func pagination() async throws {
        let page = try JSONDecoder().decode(JSONValue.self, from: Fixtures.data("linq-api/chats.list.page.200.json"))
        let chat = try #require(page["chats"]?[0])
        func body(_ ids: [String], next: String?) throws -> Data {
            var chats: [JSONValue] = []
            for id in ids {
                guard case .object(var fields) = chat else { throw FixtureShapeError() }
                fields["id"] = .string(id)
                chats.append(.object(fields))
            }
            return try JSONEncoder().encode(JSONValue.object(["chats": .array(chats), "next_cursor": next.map(JSONValue.string) ?? .null]))
        }
        let server = FakeLinqServer([
            .json(200, try body(["c1", "c2"], next: "2")), .json(200, try body(["c3", "c4"], next: "4")), .json(200, try body(["c5"], next: nil)),
        ])
        try await server.run { baseURL in
            let transport = AsyncHTTPClientTransport()
            let client = AsyncHTTPClientTransportTests.client(baseURL: baseURL, transport: transport)
            var ids: [String] = []
            for try await chat in client.chats.listAll(from: "+15555550100", limit: 2) { ids.append(chat.id.rawValue) }
            #expect(ids == ["c1", "c2", "c3", "c4", "c5"])
            try await transport.shutdown()
        }
        #expect(server.recorded.map(\.path) == [
            "/api/partner/v3/chats?from=%2B15555550100&limit=2",
            "/api/partner/v3/chats?from=%2B15555550100&limit=2&cursor=2",
            "/api/partner/v3/chats?from=%2B15555550100&limit=2&cursor=4",
        ])
    }
}

struct FixtureShapeError: Error {}
