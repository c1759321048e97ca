import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Turns due timers into chat events and keeps idle workers looking. Every
/// ``Bot/Configuration/idlePoll`` it fires due timers, wakes every worker (for retries coming
/// due and leases expiring) and publishes the inbox backlog as `linqbot_inbox_pending`. When a
/// timer falls due before the next poll, it also wakes then, fires it and wakes a worker per
/// fired timer, so timers fire on time rather than up to a poll late. A ``BotApplication`` owns it.
final class BotScheduler: ServiceLifecycle.Service, Sendable {
    let environment: BotEnvironment
    let signal: Signal
    let configuration: Bot.Configuration
    let pollOverride = Mutex<Duration?>(nil)

    init(environment: BotEnvironment, signal: Signal, configuration: Bot.Configuration) {
        self.environment = environment
        self.signal = signal
        self.configuration = configuration
    }

    var store: any BotStore { environment.store }

    /// Ticks until graceful shutdown or cancellation.
    func run() async throws {
        let poll = idlePoll
        var sincePoll = Duration.zero
        var firedAt: Date?
        while true {
            let delay = await tickDelay(untilPoll: poll - sincePoll, lastFire: firedAt)
            do { try await environment.clock.sleepUnlessStopping(delay) } catch { break }
            sincePoll += delay
            firedAt = environment.now()
            let fired = await fireDueTimers()
            if sincePoll >= poll {
                sincePoll = .zero
                signal.notifyAll()
                await publishBacklog()
            } else {
                for _ in 0..<min(fired, configuration.concurrency) { signal.notify() }
            }
        }
    }

    /// The tick's interval: the bot's ``Bot/Configuration/idlePoll`` unless a test harness
    /// drives the ticks itself (``pollNow()``).
    var idlePoll: Duration { pollOverride.withLock { $0 } ?? configuration.idlePoll }

    /// For test harnesses that move a virtual clock in large steps: the tick sleeps `interval`
    /// instead of the idle poll, and the harness calls ``pollNow()`` after each step. Set it
    /// before the application runs.
    func overrideIdlePoll(_ interval: Duration) { pollOverride.withLock { $0 = interval } }

    /// Does what a poll does, now: fires due timers, wakes every worker, publishes the backlog.
    func pollNow() async {
        await fireDueTimers()
        signal.notifyAll()
        await publishBacklog()
    }

    /// Publishes the inbox backlog: the `linqbot_inbox_pending` gauge and this minute's figure
    /// of ``InboxActivity``.
    private func publishBacklog() async {
        guard let pending = try? await store.pendingCount() else { return }
        RuntimeMetrics.pending(pending)
        environment.activity?.backlog(pending, at: environment.now())
    }

    /// How long the tick sleeps: until the next poll, or until the soonest timer falls due when
    /// that comes first (at least 10 ms). A timer that was already due at the last fire and is
    /// still there could not fire (the store failed, or more were due than one tick fires): it
    /// waits for the poll, so a timer that keeps failing does not spin the tick.
    func tickDelay(untilPoll: Duration, lastFire: Date?) async -> Duration {
        guard let due = try? await store.nextTimerDue() else { return untilPoll }
        if let lastFire, due <= lastFire { return untilPoll }
        let untilDue = Duration.milliseconds(Int64((due.timeIntervalSince(environment.now()) * 1000).rounded(.up)))
        return min(untilPoll, max(untilDue, .milliseconds(10)))
    }

    /// Moves every due timer into its chat's queue, in batches; returns how many fired.
    @discardableResult
    func fireDueTimers() async -> Int {
        var fired = 0
        do {
            // A full batch may mean more are due; stop at a short one (bounded, in case of a flood).
            for _ in 0..<1000 {
                let batch = try await store.fireDueTimers(now: environment.now(), limit: 500)
                fired += batch
                guard batch == 500 else { break }
            }
        } catch {
            environment.logger.error("firing due timers failed; will try again next tick", metadata: ["linq.error": "\(error)"])
        }
        return fired
    }
}

extension Clock where Duration == Swift.Duration {
    /// Sleeps on this clock; throws at once on cancellation or graceful shutdown, so a stop
    /// never waits for an hour-long interval.
    func sleepUnlessStopping(_ duration: Duration) async throws {
        try await cancelWhenGracefulShutdown { try await self.sleep(for: duration) }
    }
}
