import Clocks
import Foundation
import LinqAPI
@testable import LinqBot
import LinqBotTesting
import Logging
import Synchronization
import Testing

/// One clock task for many timers: entries come due within their last step, repeating ones
/// again and again, removed ones never; the lease renewals of running handlers ride on it.
@Suite(.timeLimit(.minutes(5)))
struct SharedTimerTests {
    /// A test clock that counts the sleeps begun on it, so a test moves it only once the timer
    /// waits on it.
    final class CountingClock: Clock, Sendable {
        let base = TestClock()
        let sleeps = Atomic(0)
        var now: TestClock<Duration>.Instant { base.now }
        var minimumResolution: Duration { base.minimumResolution }

        func sleep(until deadline: TestClock<Duration>.Instant, tolerance: Duration?) async throws {
            sleeps.add(1, ordering: .sequentiallyConsistent)
            try await base.sleep(until: deadline, tolerance: tolerance)
        }

        /// Waits (bounded in real time) until `count` sleeps have begun.
        func waitForSleep(_ count: Int) async {
            let begun = await eventually { sleeps.load(ordering: .sequentiallyConsistent) >= count }
            if !begun { Issue.record("the timer never slept a \(count)th time") }
        }
    }

    final class Fired: Sendable {
        let entries = Mutex<[String]>([])
        var all: [String] { entries.withLock { $0 } }
    }

    @Test("an entry comes due once, within the last step before ticks × step after it was added")
    func oneShot() async throws {
        let clock = CountingClock()
        let fired = Fired()
        let timer = SharedTimer<String>(clock: clock, step: .seconds(1), ticks: 3, repeats: false) { due in
            fired.entries.withLock { $0 += due }
        }
        _ = timer.add("first")
        await clock.waitForSleep(1)
        // Half a step later: the second entry's due time is 2.5 s away, not 3.
        await clock.base.advance(by: .milliseconds(500))
        _ = timer.add("second")
        await clock.base.advance(by: .milliseconds(500))
        await clock.waitForSleep(2)
        await clock.base.advance(by: .seconds(1))
        await clock.waitForSleep(3)
        #expect(fired.all.isEmpty, "nothing is due after 2 steps")
        await clock.base.advance(by: .seconds(1))
        await clock.waitForSleep(4)
        #expect(fired.all.sorted() == ["first", "second"], "both due at the third step: 3 s and 2.5 s after they were added")
        #expect(timer.count == 0)
        // With nothing registered the clock task ends at its next step and sleeps no more.
        await clock.base.advance(by: .seconds(1))
        for _ in 0..<1000 { await Task.yield() }
        let sleeps = clock.sleeps.load(ordering: .sequentiallyConsistent)
        #expect(sleeps == 4)
    }

    @Test("a repeating entry comes due every ticks steps until removed; a removed entry never comes due")
    func repeating() async throws {
        let clock = CountingClock()
        let fired = Fired()
        let timer = SharedTimer<String>(clock: clock, step: .seconds(1), ticks: 2, repeats: true) { due in
            fired.entries.withLock { $0 += due }
        }
        let kept = timer.add("kept")
        let dropped = timer.add("dropped")
        timer.remove(dropped)
        for step in 1...6 {
            await clock.waitForSleep(step)
            await clock.base.advance(by: .seconds(1))
        }
        await clock.waitForSleep(7)
        #expect(fired.all == ["kept", "kept", "kept"], "due at steps 2, 4 and 6")
        timer.remove(kept)
        await clock.base.advance(by: .seconds(2))
        #expect(fired.all.count == 3)
    }

    @Test("a timer that ends when idle: removing the last entry ends the clock task at once; the next starts a fresh one and waits its full time")
    func idleEndsTheClockTask() async throws {
        let clock = CountingClock()
        let fired = Fired()
        let timer = SharedTimer<String>(clock: clock, step: .seconds(1), ticks: 2, repeats: false, endsWhenIdle: true) { due in
            fired.entries.withLock { $0 += due }
        }
        let first = timer.add("first")
        await clock.waitForSleep(1)
        timer.remove(first)
        // The clock has not moved: only a new clock task can begin a second sleep.
        _ = timer.add("second")
        await clock.waitForSleep(2)
        await clock.base.advance(by: .seconds(1))
        await clock.waitForSleep(3)
        #expect(fired.all.isEmpty, "one step after it was added, the second entry is not due")
        await clock.base.advance(by: .seconds(1))
        await clock.waitForSleep(4)
        #expect(fired.all == ["second"])
    }

    @Test("a running handler's lease is renewed; once another worker has the chat, the handler is cancelled with leaseLost")
    func leaseRenewals() async throws {
        let clock = CountingClock()
        let now = VirtualTime.wallClock(following: clock.base)
        let store = InMemoryBotStore()
        let body = Data(#"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"custom.tick","event_id":"t1","created_at":"2026-03-10T15:42:07Z","data":{"chat_id":"C"}}"#.utf8)
        _ = try await store.append(NewInboxEvent(eventID: "t1", chatKey: "C", eventType: "custom.tick", body: body, receivedAt: now()))
        let worker = WorkerName.make(instance: "here", index: 0)
        let claim = try #require(try await store.claimNext(worker: worker, now: now(), leaseDuration: .seconds(30), skipping: []))
        let client = LinqClient(configuration: .init(apiKey: "k", baseURL: URL(string: "http://127.0.0.1:9")!), transport: RecordingTransport())
        let environment = BotEnvironment(store: store, client: client, clock: clock, now: now, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
        let renewals = LeaseRenewals(environment: environment, leaseDuration: .seconds(30))
        let cancelled = Atomic(false)
        let running = Task {
            try await renewals.run(claim) {
                // A handler that runs until it is cancelled.
                let (waiting, _) = AsyncStream<Void>.makeStream()
                for await _ in waiting {}
                cancelled.store(Task.isCancelled, ordering: .sequentiallyConsistent)
            }
        }
        // 35 s in, five steps of 5 s and more: without renewals the 30 s lease would have run out.
        for step in 1...7 {
            await clock.waitForSleep(step)
            await clock.base.advance(by: .seconds(5))
        }
        await clock.waitForSleep(8)
        #expect(try await store.claimNext(worker: "other", now: now(), leaseDuration: .seconds(30), skipping: []) == nil, "the lease was renewed")
        // The instance is gone as far as the store knows: another worker takes the chat.
        _ = try await store.deregisterInstance("here")
        #expect(try await store.claimNext(worker: "other", now: now(), leaseDuration: .seconds(30), skipping: []) != nil)
        await clock.base.advance(by: .seconds(5))
        await clock.waitForSleep(9)
        await clock.base.advance(by: .seconds(5))
        let outcome = await running.result
        #expect(throws: BotStoreError.self) { try outcome.get() }
        let wasCancelled = cancelled.load(ordering: .sequentiallyConsistent)
        #expect(wasCancelled, "the handler was cancelled")
    }
}
