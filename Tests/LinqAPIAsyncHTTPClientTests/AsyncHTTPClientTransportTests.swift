import AsyncHTTPClient
import Foundation
import InMemoryTracing
import LinqAPI
import LinqAPIAsyncHTTPClient
import LinqFixtures
import LinqModels
import Logging
import Testing
import Tracing

/// The client over real HTTP on 127.0.0.1, with retries waiting on a test clock.
@Suite struct AsyncHTTPClientTransportTests {
    static let key: Secret = "sk_test_9f8e7d6c5b4a"

    static func client(baseURL: URL, transport: AsyncHTTPClientTransport, clock: ObservedClock = ObservedClock(), retry: RetryPolicy = RetryPolicy(jitter: 1...1), logger: Logger? = nil) -> LinqClient {
        LinqClient(
            configuration: .init(apiKey: key, baseURL: baseURL, retry: retry),
            transport: transport, clock: clock,
            logger: logger ?? Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
    }

    @Test("a 500 and a 429 with Retry-After are retried on the injected clock, then the body decodes")
    func retriesOverHTTP() async throws {
        let chat = try Fixtures.data("linq-api/chats.retrieve.200.json")
        let server = FakeLinqServer([
            .json(500, #"{"success":false,"error":{"status":500,"code":3006,"message":"boom"}}"#),
            .json(429, try Fixtures.data("linq-api/error.429.1007.rate-limited.json"), headers: [("Retry-After", "7")]),
            .json(200, chat),
        ])
        let handler = CapturingLogHandler()
        try await server.run { baseURL in
            let transport = AsyncHTTPClientTransport()
            let clock = ObservedClock()
            let client = Self.client(baseURL: baseURL, transport: transport, clock: clock, logger: Logger(label: "capture") { _ in handler })
            let call = Task { try await client.execute(.get(["v3", "chats", "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357"]), as: Chat.self) }
            #expect(await clock.nextSleep() == .milliseconds(500))
            #expect(await clock.nextSleep() == .seconds(7))
            let decoded = try await call.value
            #expect(decoded.id == "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357")
            try await transport.shutdown()
        }
        let recorded = server.recorded
        #expect(recorded.count == 3)
        #expect(Set(recorded.map(\.path)) == ["/api/partner/v3/chats/7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357"])
        #expect(recorded.allSatisfy { $0.headers["authorization"] == "Bearer \(Self.key.reveal())" })
        #expect(recorded.allSatisfy { $0.headers["accept"] == "application/json" })
        #expect(handler.text.contains("linq call will be retried"))
        #expect(!handler.text.contains(Self.key.reveal()))
    }

    @Test("error bodies decode into LinqAPIError", arguments: [
        ("error.400.1005.first-message-link.json", 400, LinqErrorCode.invalidParameter),
        ("error.403.2024.recipient-opted-out.json", 403, .recipientOptedOut),
        ("error.404.2001.chat-not-found.json", 404, .chatNotFound),
        ("error.429.1007.rate-limited.json", 429, .rateLimited),
    ])
    func errorBodies(file: String, status: Int, code: LinqErrorCode) async throws {
        let body = try Fixtures.data("linq-api/\(file)")
        let expected = try JSONDecoder().decode(LinqErrorBody.self, from: body)
        let server = FakeLinqServer([.json(status, body, headers: status == 429 ? [("Retry-After", "42")] : [])])
        try await server.run { baseURL in
            let transport = AsyncHTTPClientTransport()
            let client = Self.client(baseURL: baseURL, transport: transport, retry: .none)
            let error = try await #require(throws: LinqAPIError.self) {
                try await client.execute(.get(["v3", "chats", "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357"]))
            }
            #expect(error.kind == .api)
            #expect(error.status == status)
            #expect(error.code == code)
            #expect(error.message == expected.error.message)
            #expect(error.docURL == expected.error.docURL)
            #expect(error.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
            if status == 429 { #expect(error.retryAfter == .seconds(42)) }
            try await transport.shutdown()
        }
    }

    @Test("a refused connection is a typed connection error after the retries")
    func connectionRefused() async throws {
        let transport = AsyncHTTPClientTransport(connectTimeout: .seconds(2))
        let clock = ObservedClock()
        let client = Self.client(baseURL: URL(string: "http://127.0.0.1:1/api/partner")!, transport: transport, clock: clock)
        let call = Task { try await client.execute(.get(["v3", "chats"])) }
        #expect(await clock.nextSleep() == .milliseconds(500))
        #expect(await clock.nextSleep() == .seconds(1))
        let error = try await #require(throws: LinqAPIError.self) { try await call.value }
        #expect(error.kind == .connection)
        try await transport.shutdown()
    }

    @Test("with no tracer, the HTTP client makes no span of its own; with one, it keeps async-http-client's")
    func clientSpansOnlyWithATracer() async throws {
        let plain = AsyncHTTPClientTransport()
        #expect(plain.httpClient.tracer == nil, "LinqClient's own span is the only one")
        try await plain.shutdown()
        let traced = try await withTracer(InMemoryTracer()) {
            let transport = AsyncHTTPClientTransport()
            let tracer = transport.httpClient.tracer
            try await transport.shutdown()
            return tracer
        }
        #expect(traced is InMemoryTracer, "a bootstrapped tracer still gets the HTTP client's spans and trace headers")
    }
}
