import Clocks
import Foundation
import LinqAPI
import LinqBot
import LinqSimulator
import Logging
import ServiceLifecycle
import Testing

/// A graceful stop ends the dispatcher at once: its hour-long prune wait and its idle poll
/// must not hold the stop (SIGTERM in production is a graceful stop).
@Suite struct ShutdownTests {
    @Test("a graceful shutdown ends the dispatcher without moving its clock", .timeLimit(.minutes(1)))
    func gracefulShutdownIsPrompt() async throws {
        let clock = TestClock()
        let store = InMemoryBotStore()
        let client = LinqClient(
            configuration: .init(apiKey: "k", baseURL: SimulatorTransport.baseURL),
            transport: SimulatorTransport(LinqSimulator(webhookTransport: RecordingTransport()))
        )
        let quiet = Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        let dispatcher = BotDispatcher(bot: Bot(), store: store, client: client, clock: clock, logger: quiet)
        let group = ServiceGroup(services: [dispatcher], logger: quiet)
        let running = Task { try await group.run() }
        // Let the workers and both maintenance loops start waiting.
        for _ in 0..<1000 { await Task.yield() }
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(try await store.pendingCount() == 0)
    }
}
