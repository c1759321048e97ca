import Foundation
import LinqAPI
import LinqSimulator
import Logging
import Testing

@testable import LinqBot

/// How long the scheduler's tick sleeps: until the soonest timer, within the idle poll; and a
/// timer that was due at the last fire and is still there waits for the poll, so a timer that
/// keeps failing to fire does not spin the tick.
@Suite struct TickDelayTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)

    @Test func theTickSleepsUntilTheSoonestTimerButNotForAStuckOne() async throws {
        let store = InMemoryBotStore()
        let dispatcher = try TestApplication.make(Bot(), store: store, now: { Self.t0 }).scheduler
        let poll = Duration.seconds(1)
        #expect(await dispatcher.tickDelay(untilPoll: poll, lastFire: nil) == poll, "no timer: until the poll")
        try await store.scheduleTimer(ScheduledTimer(chatKey: "c", name: "soon", dueAt: Self.t0.addingTimeInterval(0.25)))
        #expect(await dispatcher.tickDelay(untilPoll: poll, lastFire: Self.t0) == .milliseconds(250), "until the timer")
        #expect(await dispatcher.tickDelay(untilPoll: .milliseconds(100), lastFire: Self.t0) == .milliseconds(100), "never past the poll")
        try await store.scheduleTimer(ScheduledTimer(chatKey: "c", name: "due", dueAt: Self.t0.addingTimeInterval(-0.5)))
        #expect(
            await dispatcher.tickDelay(untilPoll: poll, lastFire: Self.t0.addingTimeInterval(-1)) == .milliseconds(10),
            "fell due after the last fire: fire it at once (after the 10 ms floor)"
        )
        #expect(await dispatcher.tickDelay(untilPoll: poll, lastFire: Self.t0) == poll, "due at the last fire and still there: wait for the poll")
    }
}
