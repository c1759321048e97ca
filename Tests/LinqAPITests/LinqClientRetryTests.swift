import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import Logging
import Testing

@Suite struct LinqClientRetryTests {
    static let key: Secret = "sk_test_4f1c2a9d7b3e"

    func makeClient(_ transport: ScriptedTransport, clock: ObservedClock, retry: RetryPolicy = RetryPolicy(jitter: 1...1), logger: Logger? = nil) -> LinqClient {
        LinqClient(
            configuration: .init(apiKey: Self.key, baseURL: URL(string: "https://linq.test/api/partner")!, retry: retry),
            transport: transport, clock: clock, logger: logger ?? Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
    }

    @Test("5xx and connection errors are retried twice with 0.5 s then 1 s backoff")
    func backoff() async throws {
        let transport = ScriptedTransport([
            .respond(.error(503, code: 3001)), .fail(LinqTransportError(.connection, detail: "reset")), .respond(.json(200, "{}")),
        ])
        let clock = ObservedClock()
        let client = makeClient(transport, clock: clock)
        let response = Task { try await client.execute(.get(["v3", "chats"])) }
        #expect(await clock.nextSleep() == .milliseconds(500))
        #expect(await clock.nextSleep() == .seconds(1))
        #expect(try await response.value.status == 200)
        #expect(transport.requests.count == 3)
    }

    @Test("a lost answer to a POST without an idempotency key is not sent again (Linq may have acted on it)")
    func unkeyedPostIsNotRepeated() async throws {
        for failure in [LinqTransportError(.timeout, detail: "no answer"), LinqTransportError(.connection, detail: "reset")] {
            let transport = ScriptedTransport([.fail(failure), .respond(.json(200, "{}"))])
            let client = makeClient(transport, clock: ObservedClock())
            let error = try await #require(throws: LinqAPIError.self) {
                try await client.execute(try .json(.post, ["v3", "chats", "c1", "share_contact_card"], body: ["share": true]))
            }
            #expect(error.kind == (failure.reason == .timeout ? .timeout : .connection))
            #expect(transport.requests.count == 1)
        }
        // With an idempotency key the same failure is retried: Linq replays the first outcome.
        let transport = ScriptedTransport([.fail(LinqTransportError(.timeout, detail: "no answer")), .respond(.json(200, "{}"))])
        let clock = ObservedClock()
        let client = makeClient(transport, clock: clock)
        let response = Task { try await client.execute(try .json(.post, ["v3", "messages"], body: ["text": "hi"], isIdempotent: true)) }
        #expect(await clock.nextSleep() == .milliseconds(500))
        #expect(try await response.value.status == 200)
        #expect(transport.requests.count == 2)
    }

    @Test("the backoff doubles to an 8 s cap and the jitter stays within 0.75…1")
    func backoffShape() {
        let policy = RetryPolicy.default
        #expect(policy.backoff(retry: 0, random: 1) == .milliseconds(500))
        #expect(policy.backoff(retry: 0, random: 0) == .milliseconds(375))
        #expect(policy.backoff(retry: 1, random: 1) == .seconds(1))
        #expect(policy.backoff(retry: 5, random: 1) == .seconds(8))
        #expect(policy.backoff(retry: 40, random: 0) == .seconds(6))
    }

    @Test("after two retries the last error is thrown, typed")
    func givesUp() async throws {
        let transport = ScriptedTransport(Array(repeating: .respond(.error(500, code: 3006, message: "boom")), count: 5))
        let clock = ObservedClock()
        let client = makeClient(transport, clock: clock)
        let response = Task { try await client.execute(.get(["v3", "chats"])) }
        _ = await clock.nextSleep()
        _ = await clock.nextSleep()
        let error = try await #require(throws: LinqAPIError.self) { try await response.value }
        #expect(error.status == 500)
        #expect(error.code == .internalError)
        #expect(error.message == "boom")
        #expect(error.traceID == "0af7651916cd43dd8448eb211c80319c")
        #expect(transport.requests.count == 3)
    }

    @Test("Retry-After and retry-after-ms are waited out exactly", arguments: [
        ("Retry-After", "7", Duration.seconds(7)), ("Retry-After", "7.5", .milliseconds(7500)), ("retry-after-ms", "1500", .milliseconds(1500)),
    ])
    func retryAfter(header: String, value: String, expected: Duration) async throws {
        let transport = ScriptedTransport([.respond(.error(429, code: 1007, headers: [(header, value)])), .respond(.json(200, "{}"))])
        let clock = ObservedClock()
        let client = makeClient(transport, clock: clock)
        let response = Task { try await client.execute(.get(["v3", "chats"])) }
        #expect(await clock.nextSleep() == expected)
        #expect(try await response.value.status == 200)
    }

    @Test("D4: Retry-After parsing", arguments: [
        ("7", Duration?.some(.seconds(7))), ("7.5", .milliseconds(7500)), ("-3", nil), ("abc", nil), ("0", nil), ("999999", .seconds(3600)),
        ("Wed, 21 Oct 2015 07:28:07 GMT", .seconds(7)),
    ])
    func retryAfterParsing(value: String, expected: Duration?) {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryAfter.parse(["Retry-After": value], now: now) == expected)
        #expect(RetryAfter.parse(["retry-after-ms": "1500"], now: now) == .milliseconds(1500))
    }

    @Test("an invalid Retry-After falls back to the backoff; one above the cap ends the call with retryAfter set")
    func retryAfterLimits() async throws {
        let transport = ScriptedTransport([
            .respond(.error(429, code: 1007, headers: [("Retry-After", "abc")])), .respond(.error(429, code: 1007, headers: [("Retry-After", "120")])),
        ])
        let clock = ObservedClock()
        let client = makeClient(transport, clock: clock)
        let response = Task { try await client.execute(.get(["v3", "chats"])) }
        #expect(await clock.nextSleep() == .milliseconds(500))
        let error = try await #require(throws: LinqAPIError.self) { try await response.value }
        #expect(error.isRateLimited)
        #expect(error.retryAfter == .seconds(120))
        #expect(transport.requests.count == 2)
    }

    @Test("D5: 400, 401, 403/2024, 404 and 422 are not retried", arguments: [(400, 1005), (401, 2004), (403, 2024), (404, 2001), (422, 1004)])
    func nonRetryable(status: Int, code: Int) async throws {
        let transport = ScriptedTransport([.respond(.error(status, code: code))])
        let client = makeClient(transport, clock: ObservedClock())
        let error = try await #require(throws: LinqAPIError.self) { try await client.execute(.get(["v3", "chats"])) }
        #expect(error.status == status)
        #expect(error.code == LinqErrorCode(rawValue: code))
        #expect(transport.requests.count == 1)
        if code == 2024 { #expect(error.isRecipientOptedOut) }
    }

    @Test("409 is retried only for calls that carry an idempotency key")
    func conflict() async throws {
        let plain = ScriptedTransport([.respond(.error(409, code: 2015)), .respond(.json(200, "{}"))])
        _ = await #expect(throws: LinqAPIError.self) { try await makeClient(plain, clock: ObservedClock()).execute(.call(.post, ["v3", "chats", "c", "leave"])) }
        #expect(plain.requests.count == 1)

        let keyed = ScriptedTransport([.respond(.error(409, code: 2015)), .respond(.json(200, "{}"))])
        let clock = ObservedClock()
        var endpoint = LinqEndpoint.call(.post, ["v3", "messages"])
        endpoint.isIdempotent = true
        let response = Task { try await makeClient(keyed, clock: clock).execute(endpoint) }
        _ = await clock.nextSleep()
        #expect(try await response.value.status == 200)
        #expect(keyed.requests.count == 2)
    }

    @Test("x-should-retry overrides the status rule both ways")
    func shouldRetryHeader() async throws {
        let refused = ScriptedTransport([.respond(.error(503, code: 3001, headers: [("x-should-retry", "false")]))])
        _ = await #expect(throws: LinqAPIError.self) { try await makeClient(refused, clock: ObservedClock()).execute(.get(["v3", "chats"])) }
        #expect(refused.requests.count == 1)

        let forced = ScriptedTransport([.respond(.error(400, code: 1005, headers: [("x-should-retry", "true")])), .respond(.json(200, "{}"))])
        let clock = ObservedClock()
        let response = Task { try await makeClient(forced, clock: clock).execute(.get(["v3", "chats"])) }
        _ = await clock.nextSleep()
        #expect(try await response.value.status == 200)
    }

    @Test("the request carries bearer auth, and the token never reaches logs or descriptions")
    func tokenStaysSecret() async throws {
        let handler = CapturingLogHandler()
        let logger = Logger(label: "capture") { _ in handler }
        let transport = ScriptedTransport([.respond(.error(500, code: 3006)), .respond(.error(401, code: 2004, message: "bad token"))])
        let clock = ObservedClock()
        let client = makeClient(transport, clock: clock, logger: logger)
        let response = Task { try await client.execute(.get(["v3", "chats"])) }
        _ = await clock.nextSleep()
        let error = try await #require(throws: LinqAPIError.self) { try await response.value }
        #expect(transport.requests.first?.headers["Authorization"] == "Bearer \(Self.key.reveal())")
        #expect(!handler.text.isEmpty)
        #expect(!handler.text.contains(Self.key.reveal()))
        #expect(!"\(error)".contains(Self.key.reveal()))
        #expect(!"\(client.configuration)".contains(Self.key.reveal()))
        #expect("\(Self.key)" == "Secret(redacted)")
        var dumped = ""
        dump(client.configuration, to: &dumped)
        #expect(!dumped.contains(Self.key.reveal()))
    }

    @Test("paths and query values are percent-encoded, + as %2B")
    func encoding() throws {
        let endpoint = LinqEndpoint.get(["v3", "phone_numbers", "+15555550100", "reputation_audit", "a b/c"], query: [("from", "+15555550100"), ("to", "a&b=c")])
        #expect(endpoint.encodedPathAndQuery == "/v3/phone_numbers/+15555550100/reputation_audit/a%20b%2Fc?from=%2B15555550100&to=a%26b%3Dc")
    }

    @Test("the configuration reads Linq's SDK variables and says what to fix")
    func environment() throws {
        #expect(throws: LinqConfigurationError.self) { try LinqClient.Configuration.fromEnvironment([:]) }
        #expect(throws: LinqConfigurationError.self) {
            try LinqClient.Configuration.fromEnvironment(["LINQ_API_V3_API_KEY": "k", "LINQ_API_V3_BASE_URL": "not a url"])
        }
        let configuration = try LinqClient.Configuration.fromEnvironment([
            "LINQ_API_V3_API_KEY": "k", "LINQ_API_V3_BASE_URL": "http://127.0.0.1:8080/api/partner",
            "LINQ_API_V3_CUSTOM_HEADERS": "X-One: 1\nX-Two: two words",
        ])
        #expect(configuration.baseURL.absoluteString == "http://127.0.0.1:8080/api/partner")
        #expect(configuration.extraHeaders["x-two"] == "two words")
        #expect(configuration.apiKey.reveal() == "k")
    }

    @Test("derived idempotency keys are deterministic, distinct and short")
    func idempotencyKeys() {
        let key = IdempotencyKey.derive("bot", "event-1", "reply-0")
        #expect(key == IdempotencyKey.derive("bot", "event-1", "reply-0"))
        #expect(key != IdempotencyKey.derive("bot", "event-1", "reply-1"))
        #expect(IdempotencyKey.derive("ab", "c") != IdempotencyKey.derive("a", "bc"))
        #expect(key.hasPrefix("lq1-") && key.count <= IdempotencyKey.maxLength)
        #expect(IdempotencyKey.random() != IdempotencyKey.random())
    }

    /// Refuses every attempt from `from` on, as an open circuit breaker does.
    struct Refusing: LinqClientInterceptor {
        let from: Int
        func intercept(
            _ request: LinqHTTPRequest, attempt: Int, next: @Sendable (LinqHTTPRequest) async throws -> LinqHTTPResponse
        ) async throws -> LinqHTTPResponse {
            guard attempt < from else { throw LinqAPIError(kind: .circuitOpen, message: "open", retryAfter: .seconds(30)) }
            return try await next(request)
        }
    }

    @Test("a breaker refusing the first attempt ends the call with circuitOpen, nothing sent")
    func refusedAtOnce() async throws {
        let transport = ScriptedTransport([.respond(.json(200, "{}"))])
        let client = makeClient(transport, clock: ObservedClock()).intercepted(by: Refusing(from: 0))
        let error = try await #require(throws: LinqAPIError.self) { try await client.execute(.call(.post, ["v3", "chats"])) }
        #expect(error.kind == .circuitOpen)
        #expect(error.retryAfter == .seconds(30))
        #expect(transport.requests.isEmpty)
    }

    @Test("a breaker refusing an in-call retry ends the call with the failure it met")
    func refusedRetry() async throws {
        let transport = ScriptedTransport([.respond(.error(503, code: 4004)), .respond(.json(200, "{}"))])
        let clock = ObservedClock()
        let client = makeClient(transport, clock: clock).intercepted(by: Refusing(from: 1))
        let response = Task { try await client.execute(.call(.post, ["v3", "chats"])) }
        _ = await clock.nextSleep()
        let error = try await #require(throws: LinqAPIError.self) { try await response.value }
        #expect(error.status == 503)
        #expect(transport.requests.count == 1)
    }

    @Test("retrying(.none) makes one attempt, keeping the interceptors")
    func withoutRetries() async throws {
        let transport = ScriptedTransport([.respond(.error(503, code: 4004)), .respond(.json(200, "{}"))])
        let client = makeClient(transport, clock: ObservedClock()).intercepted(by: Refusing(from: 5)).retrying(.none)
        await #expect(throws: LinqAPIError.self) { try await client.execute(.call(.post, ["v3", "chats"])) }
        #expect(transport.requests.count == 1)
    }
}
