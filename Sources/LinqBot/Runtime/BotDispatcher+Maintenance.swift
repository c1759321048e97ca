import Foundation
import Logging
import ServiceLifecycle
import Synchronization

extension BotDispatcher {
    /// Every ``Bot/Configuration/idlePoll``: turns due timers into chat events, wakes every
    /// worker (for those, retries coming due and leases expiring), and publishes the inbox
    /// backlog as `linqbot_inbox_pending`. When a timer falls due before the next poll, it
    /// also wakes then, fires it and wakes a worker per fired timer, so timers fire on time
    /// rather than up to a poll late.
    func tick() async {
        let poll = idlePoll
        var sincePoll = Duration.zero
        var firedAt: Date?
        while !isStopping {
            let delay = await tickDelay(untilPoll: poll - sincePoll, lastFire: firedAt)
            do { try await sleepUnlessStopping(delay) } catch { break }
            sincePoll += delay
            firedAt = now()
            let fired = await fireDueTimers()
            if sincePoll >= poll {
                sincePoll = .zero
                await signal.notifyAll()
                if let pending = try? await store.pendingCount() { RuntimeMetrics.pending(pending) }
            } else {
                for _ in 0..<min(fired, bot.configuration.concurrency) { await signal.notify() }
            }
        }
        // Stopping (or cancelled): no worker may wait for a wake-up that will never come.
        await signal.close()
    }

    /// The tick's interval: the bot's ``Bot/Configuration/idlePoll`` unless a test harness
    /// drives the ticks itself (``pollNow()``).
    var idlePoll: Duration { pollOverride.withLock { $0 } ?? bot.configuration.idlePoll }

    /// For test harnesses that move a virtual clock in large steps: the tick sleeps `interval`
    /// instead of the idle poll, and the harness calls ``pollNow()`` after each step.
    package func overrideIdlePoll(_ interval: Duration) { pollOverride.withLock { $0 = interval } }

    /// Does what a tick does, now: fires due timers and wakes every worker.
    package func pollNow() async {
        await fireDueTimers()
        await signal.notifyAll()
    }

    /// How long the tick sleeps: until the next poll, or until the soonest timer falls due when
    /// that comes first (at least 10 ms). A timer that was already due at the last fire and is
    /// still there could not fire (the store failed, or more were due than one tick fires): it
    /// waits for the poll, so a timer that keeps failing does not spin the tick.
    func tickDelay(untilPoll: Duration, lastFire: Date?) async -> Duration {
        guard let due = try? await store.nextTimerDue() else { return untilPoll }
        if let lastFire, due <= lastFire { return untilPoll }
        let untilDue = Duration.milliseconds(Int64((due.timeIntervalSince(now()) * 1000).rounded(.up)))
        return min(untilPoll, max(untilDue, .milliseconds(10)))
    }

    /// Sleeps on the dispatcher's clock; throws at once on cancellation or graceful shutdown,
    /// so a stop never waits for an hour-long prune interval.
    private func sleepUnlessStopping(_ duration: Duration) async throws {
        let clock = self.clock
        try await cancelWhenGracefulShutdown { try await clock.sleep(for: duration) }
    }

    /// Moves every due timer into its chat's queue, in batches; returns how many fired.
    @discardableResult
    func fireDueTimers() async -> Int {
        var fired = 0
        do {
            // A full batch may mean more are due; stop at a short one (bounded, in case of a flood).
            for _ in 0..<1000 {
                let batch = try await store.fireDueTimers(now: now(), limit: 500)
                fired += batch
                guard batch == 500 else { break }
            }
        } catch {
            logger.error("firing due timers failed; will try again next tick", metadata: ["linq.error": "\(error)"])
        }
        return fired
    }

    /// Prunes the store on every ``Bot/Configuration/pruneInterval``: finished inbox rows after
    /// 7 days, message-id dedup keys and sent records after 30, expired counters at once.
    func pruneLoop() async {
        while !isStopping {
            do { try await sleepUnlessStopping(bot.configuration.pruneInterval) } catch { break }
            guard !isStopping else { break }
            await pruneOnce()
        }
    }

    /// One prune with the configured retention, at the dispatcher's current time.
    @discardableResult
    public func pruneOnce() async -> PruneReport? {
        do {
            let report = try await store.prune(PruneCutoffs(now: now(), retention: bot.configuration.retention))
            RuntimeMetrics.pruned(report)
            logger.info("pruned the store", metadata: [
                "linq.pruned.inbox": "\(report.inboxRows)", "linq.pruned.dedup_keys": "\(report.dedupKeys)",
                "linq.pruned.sent_messages": "\(report.sentMessages)", "linq.pruned.counters": "\(report.counters)",
            ])
            return report
        } catch {
            logger.error("prune failed; will try again next cycle", metadata: ["linq.error": "\(error)"])
            return nil
        }
    }
}
