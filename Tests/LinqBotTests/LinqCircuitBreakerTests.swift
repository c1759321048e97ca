import Foundation
import LinqAPI
import LinqBot
import Logging
import Synchronization
import Testing

/// The breaker's state machine, driven through its interceptor with a hand-moved wall clock.
@Suite struct LinqCircuitBreakerTests {
    static let base = URL(string: "https://linq.test/api/partner")!

    /// A wall clock that moves only when told.
    final class HandClock: Sendable {
        private let date = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { date.withLock { $0 } }
        func advance(_ seconds: Double) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    enum Outcome {
        case status(Int)
        case transport(LinqTransportError.Reason)
    }

    let clock = HandClock()
    let breaker: LinqCircuitBreaker

    init() {
        let clock = self.clock
        breaker = LinqCircuitBreaker(baseURL: Self.base, now: { clock.now }, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    func write(_ path: String = "v3/chats/c1/messages") -> LinqHTTPRequest {
        LinqHTTPRequest(method: .post, url: Self.base.appending(path: path))
    }

    /// One call through the breaker; `true` when it reached the transport.
    @discardableResult
    func call(_ outcome: Outcome, _ request: LinqHTTPRequest? = nil) async -> Bool {
        do {
            _ = try await breaker.intercept(request ?? write(), attempt: 0) { _ in
                switch outcome {
                case .status(let status): return LinqHTTPResponse(status: status)
                case .transport(let reason): throw LinqTransportError(reason, detail: "injected")
                }
            }
        } catch let error as LinqAPIError where error.kind == .circuitOpen {
            return false
        } catch {}
        return true
    }

    func calls(_ count: Int, _ outcome: Outcome) async {
        for _ in 0..<count { await call(outcome) }
    }

    @Test("fewer than 20 calls never open it, even all failing; the 20th failure does")
    func minimumCalls() async {
        await calls(19, .status(503))
        #expect(breaker.state == .closed)
        await call(.status(503))
        #expect(breaker.state == .open)
    }

    @Test("it opens at 50 % failures over 20 calls, not at 45 %")
    func threshold() async {
        await calls(11, .status(200))
        await calls(9, .status(500))
        #expect(breaker.state == .closed)  // 9 of 20
        await call(.status(502))
        #expect(breaker.state == .closed)  // 10 of 21: under half
        await call(.transport(.timeout))
        #expect(breaker.state == .open)  // 11 of 22: half
    }

    @Test("timeouts and broken connections count as failures; 4xx and 429 do not")
    func whatCounts() async {
        await calls(10, .transport(.timeout))
        await calls(10, .transport(.connection))
        #expect(breaker.state == .open)

        let other = LinqCircuitBreaker(baseURL: Self.base, now: { Date() })
        for status in [400, 404, 409, 422, 429, 403] {
            for _ in 0..<10 { _ = try? await other.intercept(write(), attempt: 0) { _ in LinqHTTPResponse(status: status) } }
        }
        #expect(other.state == .closed)
    }

    @Test("only the last 30 s count")
    func window() async {
        await calls(15, .status(503))
        clock.advance(31)
        await calls(10, .status(503))
        #expect(breaker.state == .closed)  // 10 calls in the window
        await calls(10, .status(503))
        #expect(breaker.state == .open)
    }

    @Test("open, it refuses writes with circuitOpen and the wait until it half-opens; reads and other hosts pass")
    func refuses() async throws {
        await calls(20, .status(503))
        clock.advance(10)
        let error = try await #require(throws: LinqAPIError.self) {
            try await breaker.intercept(write(), attempt: 0) { _ in LinqHTTPResponse(status: 200) }
        }
        #expect(error.kind == .circuitOpen)
        #expect(error.retryAfter == .seconds(20))
        #expect(await call(.status(200), LinqHTTPRequest(method: .get, url: Self.base.appending(path: "v3/chats"))))
        #expect(await call(.status(200), LinqHTTPRequest(method: .put, url: URL(string: "https://uploads.test/slot/1")!)))
        #expect(breaker.opensForProbesAt == clock.now.addingTimeInterval(20))
    }

    @Test("after 30 s it half-opens, lets 3 probes through and closes when they succeed")
    func halfOpenCloses() async throws {
        await calls(20, .status(503))
        clock.advance(29.9)
        #expect(!(await call(.status(200))))
        clock.advance(0.1)
        #expect(breaker.state == .halfOpen)
        // Three probes out at once: a fourth write waits the probe wait (2 s).
        let gates = (0..<3).map { _ in AsyncStream<Void>.makeStream() }
        let started = AsyncStream<Void>.makeStream()
        let probes = gates.map { gate in
            Task {
                try await breaker.intercept(write(), attempt: 0) { _ in
                    started.continuation.yield()
                    for await _ in gate.stream { break }
                    return LinqHTTPResponse(status: 200)
                }
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        for _ in 0..<3 { await iterator.next() }
        let error = try await #require(throws: LinqAPIError.self) {
            try await breaker.intercept(write(), attempt: 0) { _ in LinqHTTPResponse(status: 200) }
        }
        #expect(error.retryAfter == .seconds(2))
        for gate in gates { gate.continuation.yield() }
        for probe in probes { _ = try await probe.value }
        #expect(breaker.state == .closed)
        #expect(await call(.status(200)))
    }

    @Test("a failed probe opens it again for another 30 s")
    func probeFailure() async {
        await calls(20, .status(503))
        clock.advance(30)
        #expect(await call(.status(200)))
        #expect(breaker.state == .halfOpen)
        #expect(await call(.status(503)))
        #expect(breaker.state == .open)
        clock.advance(29)
        #expect(!(await call(.status(200))))
        clock.advance(1)
        #expect(breaker.state == .halfOpen)
        await calls(3, .status(201))
        #expect(breaker.state == .closed)
    }

    @Test("a call begun before the breaker opened does not count after it")
    func lateOutcome() async {
        await calls(19, .status(503))
        let gate = AsyncStream<Void>.makeStream()
        let started = AsyncStream<Void>.makeStream()
        let slow = Task {
            try await breaker.intercept(write(), attempt: 0) { _ in
                started.continuation.yield()
                for await _ in gate.stream { break }
                return LinqHTTPResponse(status: 503)
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        await iterator.next()
        await call(.status(503))
        #expect(breaker.state == .open)
        clock.advance(30)
        #expect(await call(.status(200)))  // probe 1
        gate.continuation.yield()
        _ = try? await slow.value
        #expect(breaker.state == .halfOpen)  // the late 503 belongs to the closed phase
    }

    @Test("policies that cannot work are refused with what to fix")
    func validation() {
        #expect(throws: LinqConfigurationError.self) { try CircuitBreakerPolicy(failureRate: 0).validate() }
        #expect(throws: LinqConfigurationError.self) { try CircuitBreakerPolicy(minimumCalls: 0).validate() }
        #expect(throws: LinqConfigurationError.self) { try CircuitBreakerPolicy(window: .zero).validate() }
        #expect(throws: LinqConfigurationError.self) { try CircuitBreakerPolicy(probes: 0).validate() }
        #expect(throws: Never.self) { try CircuitBreakerPolicy().validate() }
    }
}
