import Clocks
import Foundation
import LinqAPI
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Logging
import ServiceLifecycle
import Testing

/// A graceful stop ends the application at once: maintenance's hour-long prune wait and the
/// scheduler's idle poll must not hold the stop (SIGTERM in production is a graceful stop),
/// and a handler that does not end holds it only for the drain timeout.
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

    @Test("a handler that does not end holds a graceful stop only for the drain timeout; its event stays to run again", .timeLimit(.minutes(5)))
    func drainTimeoutEndsTheStop() async throws {
        let clock = TestClock()
        let store = InMemoryBotStore()
        let quiet = Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        let started = Beacon<String>()
        let never = AsyncStream<Void>.makeStream()
        let bot = Bot(configuration: .init(concurrency: 1, idlePoll: .seconds(3600)))
        bot.on(.unknown) { context in
            started.send(context.event.eventID.rawValue)
            // Waits for an answer that never comes, until cancelled.
            for await _ in never.stream {}
            try Task.checkCancellation()
        }
        _ = try await store.append(InstanceTests.tick("stuck", chat: "C", at: Date()))
        var configuration = BotApplication.Configuration()
        configuration.drainTimeout = .milliseconds(200)
        let app = try TestApplication.make(bot, store: store, clock: clock, instanceID: "draining", configuration: configuration)
        let group = ServiceGroup(services: [app], logger: quiet)
        let running = Task { try await group.run() }
        #expect(await started.next().first == "stuck")
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(try await store.pendingCount() == 1, "the event was not completed")
        #expect(try await store.instances().isEmpty, "the instance deregistered, so its lease is free")
        let next = try await store.claimNext(worker: "other/0", now: Date(), leaseDuration: .seconds(30), skipping: [])
        #expect(next?.event.eventID == "stuck", "another worker takes the event at once")
        never.continuation.finish()
    }

    @Test("a drain timeout that is not positive fails at start, saying what to fix")
    func badDrainTimeout() throws {
        var configuration = BotApplication.Configuration()
        configuration.drainTimeout = .zero
        #expect(throws: LinqConfigurationError.self) { try configuration.validate() }
    }
}
