import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import LinqSimulator
import Testing

/// `POST /sim/chats/{id}/health`: the chat's reported `health_status` in the API and in webhooks.
@Suite struct SimulatorChatHealthTests {
    @Test("a status set through the control API shows in GET /v3/chats/{id} and on the chat's next webhook; null restores the simulator's own")
    func setHealth() async throws {
        let sim = SimulatorHarness()
        let runner = Task { try await sim.simulator.run() }
        defer { runner.cancel() }
        _ = try await sim.subscribe([.messageReceived])
        let created = try await sim.client.chats.create(CreateChatRequest(from: SimulatorHarness.line, to: [SimulatorHarness.alice], message: .text("Welcome!")))
        #expect(created.chat.healthStatus.status == .healthy)
        let chat = created.chat.id.rawValue

        let answer = try await sim.control("POST", "/sim/chats/\(chat)/health", ["status": "CRITICAL"])
        #expect(answer.status == 200)
        #expect(answer.json["status"]?.stringValue == "CRITICAL")
        #expect(try await sim.client.chats.get(created.chat.id).healthStatus.status == .critical)

        try await sim.personSends("hello?")
        var arrivals = sim.target.arrivals.makeAsyncIterator()
        let delivery = try #require(await arrivals.next())
        let event = try WebhookEvent.decode(from: try #require(delivery.body))
        #expect(event.message?.chatHealth?.status == .critical)

        #expect(try await sim.control("POST", "/sim/chats/\(chat)/health", ["status": "SICK"]).status == 400)
        #expect(try await sim.control("POST", "/sim/chats/\(chat)/health", ["status": .null]).json["status"]?.stringValue == "HEALTHY")
        #expect(try await sim.client.chats.get(created.chat.id).healthStatus.status == .healthy)
        #expect(try await sim.control("POST", "/sim/chats/nope/health", ["status": "AT_RISK"]).status == 404)
    }
}
