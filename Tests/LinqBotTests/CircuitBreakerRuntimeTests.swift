import Clocks
import Foundation
import LinqAPI
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// A Linq outage through the whole runtime: the breaker opens, holds events without spending
/// their attempts, and every reply goes out once when Linq is back.
@Suite struct CircuitBreakerRuntimeTests {
    static func person(_ index: Int) -> String { "+1555555" + String(format: "%04d", 1000 + index) }

    func outage(_ harness: RuntimeHarness, unavailable: Double) async {
        let body = #"{"unavailable_rate":\#(unavailable)}"#
        let response = await harness.simulator.handle(SimulatorRequest(method: "POST", path: "/sim/faults", query: nil, headers: [], body: Data(body.utf8)))
        #expect(response.status == 200)
    }

    /// Waits (bounded in real time) for `condition`, recording what it waited for when it gave up.
    func waitFor(_ what: String, _ condition: () -> Bool) async throws {
        guard await eventually(condition) else {
            Issue.record("gave up waiting for \(what)")
            throw HarnessError.notDrained
        }
    }

    @Test("an open breaker holds events without spending attempts; after the outage every reply goes out once, none dead", .timeLimit(.minutes(5)))
    func outageHoldsThenDelivers() async throws {
        // Three attempts: events held by the open breaker, again and again, would run out of them if holds counted.
        let bot = Bot(configuration: .init(maxAttempts: 3))
        let runs = Beacon<String>()
        bot.onText { ctx, text in
            runs.send(text)
            try await ctx.reply("Got \(text)")
        }
        let harness = try await RuntimeHarness(bot: bot, events: [.messageReceived])
        let breaker = try #require(harness.app.circuitBreaker)
        try await harness.running {
            await outage(harness, unavailable: 1)
            // 20 people write: 20 sends fail, and the 20th failure opens the breaker.
            for index in 0..<20 { await harness.personSends("a\(index)", from: Self.person(index)) }
            try await waitFor("20 handler runs") { runs.count >= 20 }
            try await waitFor("the breaker to open") { breaker.state == .open }
            // 10 more write while it is open: their sends are refused before reaching Linq.
            for index in 20..<30 { await harness.personSends("b\(index)", from: Self.person(index)) }
            try await waitFor("10 more handler runs") { runs.count >= 30 }
            // 30 s later it half-opens: the first probe fails (Linq is still down) and it opens
            // again; every other event is held once more.
            // (Held events are due within the 2 s probe wait after that, spread.)
            await harness.clock.advance(by: .seconds(33))
            await harness.app.pollNow()
            // An event whose hold was recorded a moment after the clock moved comes due a little
            // later: the clock moves on in steps until all 30 ran again (bounded in real time).
            for _ in 0..<40 where runs.count < 60 {
                _ = await eventually(seconds: 10) { runs.count >= 60 }
                guard runs.count < 60 else { break }
                await harness.clock.advance(by: .seconds(1))
                await harness.app.pollNow()
            }
            try await waitFor("all 30 events to run again") { runs.count >= 60 }
            try await waitFor("the breaker to open again") { breaker.state == .open }
            // Linq recovers; 30 s later the probes succeed and the breaker closes. The events
            // held at the second opening come due up to a few seconds after the half-open
            // moment (their times are spread), so the clock moves on in steps until a probe ran.
            await outage(harness, unavailable: 0)
            await harness.clock.advance(by: .seconds(30))
            for _ in 0..<20 where breaker.state != .closed {
                await harness.clock.advance(by: .seconds(1))
                await harness.app.pollNow()
                _ = await eventually(seconds: 10) { breaker.state == .closed }
            }
            try await waitFor("the breaker to close") { breaker.state == .closed }
            // Events refused while the probes were out come due within a few seconds: the clock
            // moves on whenever nothing is running or due.
            for _ in 0..<40 where try await harness.store.pendingCount() > 0 {
                _ = await eventually(seconds: 10) { harness.store.isQuiet(at: harness.now()) }
                await harness.clock.advance(by: .seconds(1))
                await harness.app.pollNow()
            }
            try await harness.drained()
        }
        #expect(breaker.state == .closed)
        #expect(try await harness.store.deadLetters(limit: 50).isEmpty)
        for index in 0..<30 {
            let text = index < 20 ? "a\(index)" : "b\(index)"
            #expect(try await harness.sent(to: Self.person(index)) == ["Got \(text)"])
        }
        // 20 failed sends, the failed probe (or the few out at the same moment), 30 accepted
        // sends: a held event made no request.
        let sends = harness.simulator.requests().filter { $0.kind == .message }
        let failed = sends.filter { $0.status == 503 }.count
        #expect((21...23).contains(failed))
        #expect(sends.count == 30 + failed)
        let perKey = Dictionary(grouping: sends, by: \.idempotencyKey).mapValues(\.count)
        #expect(perKey.count == 30)
        #expect(perKey.values.allSatisfy { $0 <= 3 })
    }
}
