import Clocks
import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import Testing

/// A completion searches for its worker's next event in its own write; when that search finds
/// nothing, the worker waits for a wake-up rather than searching again at once.
@Suite struct ClaimAfterCompletionTests {
    @Test("a worker whose completion found no next event waits for the next wake-up", .timeLimit(.minutes(5)))
    func waitsAfterAnEmptySearch() async throws {
        let clock = TestClock()
        let now = VirtualTime.wallClock(following: clock)
        let store = InMemoryBotStore()
        _ = try await store.append(InstanceTests.tick("t1", chat: "C", at: now()))
        let handled = Beacon<String>()
        let bot = Bot(configuration: .init(concurrency: 1, idlePoll: .seconds(3600)))
        bot.on(.unknown) { context in handled.send(context.event.eventID.rawValue) }
        let app = try TestApplication.make(bot, store: store, clock: clock, now: now)
        let running = Task { try await app.run() }
        defer { running.cancel() }

        #expect(await handled.next().first == "t1")
        // The claim that found t1, then the completion's search for the worker's next event.
        await waitUntil { store.claimSearches >= 2 }
        _ = try await store.append(InstanceTests.tick("t2", chat: "D", at: now()))
        app.wake()
        #expect(await handled.next().first == "t2")
        await waitUntil { try await store.pendingCount() == 0 && store.claimSearches >= 4 }
        running.cancel()
        _ = await running.result
        #expect(store.claimSearches == 4, "one claim and one search by the completion per event, no search in between")
    }
}
