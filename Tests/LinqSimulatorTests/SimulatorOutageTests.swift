import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import LinqSimulator
import Testing

/// `POST /sim/faults`: an outage of 503s, hanging calls and reset connections, logged per call.
@Suite struct SimulatorOutageTests {
    let sim = SimulatorHarness()

    func send(_ text: String, key: String) async throws -> CreateChatResponse {
        var content = MessageContent.text(text)
        content.idempotencyKey = key
        return try await sim.client.chats.create(CreateChatRequest(from: SimulatorHarness.line, to: [SimulatorHarness.alice], message: content))
    }

    @Test("503s do nothing; resets cut the connection before anything is done; both are logged with their fault")
    func unavailableAndReset() async throws {
        #expect(try await sim.control("POST", "/sim/faults", ["unavailable_rate": 1]).status == 200)
        let unavailable = try await #require(throws: LinqAPIError.self) { try await send("one", key: "k-1") }
        #expect(unavailable.pair == "503/4004")
        #expect(try await sim.control("POST", "/sim/faults", ["reset_rate": 1]).status == 200)
        let reset = try await #require(throws: LinqAPIError.self) { try await send("two", key: "k-2") }
        #expect(reset.kind == .connection)
        let (_, state) = try await sim.control("GET", "/sim/state")
        #expect(state["chats"] == .array([]))
        let log = sim.simulator.requests()
        #expect(log.map(\.status) == [503, 0])
        #expect(log.map(\.fault) == [.unavailable, .reset])
    }

    @Test("a timeout carries the call out and withholds the answer; the same key then replays it")
    func timeout() async throws {
        #expect(try await sim.control("POST", "/sim/faults", ["timeout_rate": 1, "hang_seconds": 5]).status == 200)
        let call = Task { try await send("hello", key: "k-3") }
        #expect(await sim.clock.nextSleep() == .seconds(5))
        let error = try await #require(throws: LinqAPIError.self) { try await call.value }
        #expect(error.kind == .timeout)
        #expect(try await sim.control("POST", "/sim/faults", [:]).status == 200)
        let replay = try await send("hello", key: "k-3")
        guard case .array(let sent)? = try await sim.control("GET", "/sim/lines/\(SimulatorHarness.line)/sent").json["messages"] else {
            Issue.record("no sent messages")
            return
        }
        #expect(sent.count == 1)
        #expect(!replay.chat.message.parts.isEmpty)
        #expect(sim.simulator.requests().map(\.fault) == [.timeout, nil])
    }

    @Test("an outage ends at its time; rates out of range are refused")
    func endsAndValidates() async throws {
        let (status, json) = try await sim.control("POST", "/sim/faults", ["unavailable_rate": 1, "seconds": 10])
        #expect(status == 200)
        #expect(json["until"]?.stringValue != nil)
        await #expect(throws: LinqAPIError.self) { try await send("early", key: "k-4") }
        sim.wall.advance(seconds: 10)
        _ = try await send("late", key: "k-5")
        #expect(try await sim.control("POST", "/sim/faults", ["unavailable_rate": 1.5]).status == 400)
        #expect(try await sim.control("POST", "/sim/faults", ["unavailable_rate": 0.6, "reset_rate": 0.6]).status == 400)
        #expect(try await sim.control("POST", "/sim/faults", ["timeout_rate": 0.1, "hang_seconds": 0]).status == 400)
    }
}
