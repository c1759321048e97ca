package import Foundation
import Synchronization

/// Who is waiting on the bot's clock. Handlers pause on the injected clock (pacing, a typing
/// delay, ``ChatContext/pause(for:)``); a harness on a virtual clock reads the board to see that
/// every running handler is asleep, and moves time on to the first deadline instead of waiting.
package final class PauseBoard: Sendable {
    struct State {
        var running = 0
        var asleep = 0
        var deadlines: [Int: Date] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    package init() {}

    /// A handler started running.
    func handlerStarted() { state.withLock { $0.running += 1 } }

    /// A handler finished.
    func handlerEnded() { state.withLock { $0.running -= 1 } }

    /// Whether at least one handler runs.
    package var hasRunningHandlers: Bool { state.withLock { $0.running > 0 } }

    /// The first deadline, when at least one handler runs and every running handler is paused
    /// on the clock; `nil` while any of them is doing real work.
    package var allAsleepUntil: Date? {
        state.withLock { state in
            guard state.running > 0, state.asleep >= state.running else { return nil }
            return state.deadlines.values.min()
        }
    }

    /// Holds `deadline` on the board before the task that will sleep until it runs, so a
    /// harness never moves the clock past it unseen; ``release(_:)`` ends the hold (once that
    /// task woke and did what it wakes for). While a held deadline has passed, the harness
    /// does not move the clock on.
    func hold(_ deadline: Date) -> Int {
        state.withLock { state in
            defer { state.nextID += 1 }
            state.deadlines[state.nextID] = deadline
            return state.nextID
        }
    }

    /// Ends a hold from ``hold(_:)``; releasing it twice is harmless.
    func release(_ id: Int) { state.withLock { _ = $0.deadlines.removeValue(forKey: id) } }

    /// Sleeps on `clock` until `deadline` (by `now`). `handler` tells whether the sleeper is a
    /// handler itself (it then counts as asleep) or a helper task beside one (only its deadline counts).
    func sleep(until deadline: Date, now: Date, clock: any Clock<Duration>, handler: Bool) async throws {
        let seconds = deadline.timeIntervalSince(now)
        guard seconds > 0 else { return }
        // The same whole milliseconds a harness moves the clock by to reach `deadline`.
        try await sleep(on: clock, for: .milliseconds(Int64((seconds * 1000).rounded(.up))), deadline: deadline, handler: handler)
    }

    /// Takes the wake-up instant before the board shows the sleeper: a harness may move the
    /// clock to the deadline as soon as the board shows every handler asleep, and a sleep that
    /// began after that move would end past the deadline the harness reads, with nobody left
    /// to move the clock again.
    private func sleep<C: Clock>(on clock: C, for wait: Duration, deadline: Date, handler: Bool) async throws where C.Duration == Duration {
        let wakeUp = clock.now.advanced(by: wait)
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.deadlines[state.nextID] = deadline
            if handler { state.asleep += 1 }
            return state.nextID
        }
        defer {
            state.withLock { state in
                state.deadlines[id] = nil
                if handler { state.asleep -= 1 }
            }
        }
        // A harness may have moved the clock to the wake-up already; a test clock would then
        // wait for its next move: it does not return at once from a sleep that ends at its
        // current instant.
        guard clock.now < wakeUp else { return }
        try await clock.sleep(until: wakeUp, tolerance: nil)
    }
}
