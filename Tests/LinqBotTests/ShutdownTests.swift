import Clocks
import Foundation
import LinqAPI
import LinqBot
import LinqSimulator
import Logging
import ServiceLifecycle
import Testing

/// A graceful stop ends the application at once: maintenance's hour-long prune wait and the
/// scheduler's idle poll must not hold the stop (SIGTERM in production is a graceful stop).
@Suite struct ShutdownTests {
    @Test("a graceful shutdown ends the application without moving its clock", .timeLimit(.minutes(5)))
    func gracefulShutdownIsPrompt() async throws {
        let clock = TestClock()
        let store = InMemoryBotStore()
        let quiet = Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        let app = try TestApplication.make(Bot(), store: store, clock: clock)
        let group = ServiceGroup(services: [app], logger: quiet)
        let running = Task { try await group.run() }
        // Let the workers and both maintenance loops start waiting.
        for _ in 0..<1000 { await Task.yield() }
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(try await store.pendingCount() == 0)
    }
}
