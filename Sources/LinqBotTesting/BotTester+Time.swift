import Clocks
public import Foundation
import LinqBot
import Synchronization

extension BotTester {
    /// Moves the virtual clock (and the wall clock with it), then lets due work finish. The
    /// clock moves from one due moment (a timer, a retry, a lease running out) to the next, so
    /// a day passes in a few steps.
    public func advance(by duration: Duration) async throws {
        try await advance(by: duration, within: Self.patience)
    }

    /// Like ``advance(by:)``, giving each step's wait up to `limit` of real time: for steps
    /// whose handlers wait on something outside the clock (a model server, a slow fake).
    public func advance(by duration: Duration, within limit: Duration) async throws {
        let target = clock.now.advanced(by: duration)
        repeat {
            let remaining = max(clock.now.duration(to: target), .zero)
            var step = remaining
            if let wake = try await store.nextWakeup(after: now()) {
                let untilWake = Duration.milliseconds(Int64((wake.timeIntervalSince(now()) * 1000).rounded(.up)))
                step = min(remaining, max(untilWake, .milliseconds(1)))
            }
            await clock.advance(by: step)
            await pollInstances()
            try await settle(within: limit)
        } while clock.now < target
    }

    /// The bot's current time: the virtual clock's, as a date.
    public var date: Date { now() }

    /// Waits, yielding and never sleeping, until the bot is quiet: nothing running and nothing
    /// due (events waiting for a retry come due only when the clock is advanced). For work
    /// started outside a person's message, such as ``LinqBot/BotApplication/startFlow(_:with:from:data:timeZone:at:key:)`` through ``app``.
    /// When every running handler is pausing on the clock (pacing, a typing delay,
    /// `ChatContext.pause`), the clock moves on to the first pause's end. Gives up after ``patience`` of real time.
    public func settle() async throws { try await settle(within: Self.patience) }

    /// Like ``settle()``, giving up only after `limit` of real time: for tests that make the
    /// bot do a lot of work at once (hundreds of sends).
    public func settle(within limit: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: limit)
        var lastPoll = ContinuousClock.now
        var staleSince: ContinuousClock.Instant?
        while ContinuousClock.now < deadline {
            if try await store.isQuiet(at: now()) { return }
            let asleepUntil = allAsleepUntil
            if let until = asleepUntil, until > now() {
                // Every running handler waits on the clock (pacing, a typing delay): move time on.
                await clock.advance(by: .milliseconds(Int64((until.timeIntervalSince(now()) * 1000).rounded(.up))))
                staleSince = nil
                continue
            }
            staleSince = asleepUntil == nil ? nil : staleSince ?? .now
            if let since = staleSince, since.duration(to: .now) > .seconds(2) {
                // Every handler has slept for 2 s of real time past its deadline: a sleep that
                // began exactly as the clock reached it waits for the next move (the test clock
                // does not return at once from a sleep that ends at its current instant). One
                // millisecond wakes it.
                await clock.advance(by: .milliseconds(1))
                staleSince = nil
            }
            if lastPoll.duration(to: .now) > .milliseconds(50) {
                // The idle poll a running bot does every second: a chat whose lease ran out
                // while no worker was looking is claimed again.
                await pollInstances()
                lastPoll = .now
            }
            await Task.yield()
        }
        throw BotTesterError.stuck
    }

    /// Polls every instance, a different one first at each call, so that with several
    /// instances work coming due is not always found first by the same one.
    func pollInstances() async {
        let apps = self.apps
        let first = polls.add(1, ordering: .relaxed).oldValue
        for offset in apps.indices { await apps[(first + offset) % apps.count].pollNow() }
    }

    /// The first pause's end when at least one handler runs and every running handler of every
    /// instance pauses on the clock; `nil` while any of them is doing real work.
    var allAsleepUntil: Date? {
        var earliest: Date?
        for board in apps.compactMap(\.pauses) where board.hasRunningHandlers {
            guard let until = board.allAsleepUntil else { return nil }
            earliest = min(earliest ?? until, until)
        }
        return earliest
    }
}
