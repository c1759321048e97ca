import Synchronization

/// Many timers on one clock task: what each event in flight would otherwise arm for itself
/// (the ingest budget of an append, the lease renewal of a handler).
///
/// An entry comes due `ticks` steps after it was added, or, when the timer `repeats`, after it
/// last came due. The steps are counted by one task that sleeps `step` at a time on the
/// injected clock and runs only while entries are registered: it starts with the first, and
/// ends at the next step after the last is gone or, when the timer `endsWhenIdle`, is cancelled
/// with the removal of the last (for a timer whose `fire` makes no calls a cancellation could
/// cut). An entry therefore comes due between `(ticks − 1) × step` and `ticks × step` after it
/// was added: never later than `ticks × step`. A timer per event would leave a pending sleep
/// behind each one even after it is cancelled (the runtime's timer still fires later), which at
/// hundreds of events a second keeps thousands of timers in the executor's heap.
package final class SharedTimer<Entry: Sendable>: Sendable {
    /// What `add` returns, to `remove` the entry.
    package typealias Token = UInt64

    private struct Registered {
        var entry: Entry
        var since: UInt64
    }

    private struct State {
        var entries: [Token: Registered] = [:]
        var nextToken: Token = 0
        var tick: UInt64 = 0
        /// The clock task, while one runs, and its number: a task whose number is no longer
        /// `runnerNumber` was let go (the last entry went) and must not count steps.
        var runner: Task<Void, Never>?
        var runnerNumber: UInt64 = 0
    }

    private let state = Mutex(State())
    private let clock: any Clock<Duration>
    private let step: Duration
    private let ticks: UInt64
    private let repeats: Bool
    private let endsWhenIdle: Bool
    private let fire: @Sendable ([Entry]) async -> Void

    /// A timer whose entries come due after `ticks` steps of `step`; `fire` gets the entries
    /// that came due at one step, together.
    package init(
        clock: any Clock<Duration>, step: Duration, ticks: Int, repeats: Bool, endsWhenIdle: Bool = false,
        fire: @escaping @Sendable ([Entry]) async -> Void
    ) {
        precondition(step > .zero && ticks > 0, "a shared timer needs a positive step and tick count")
        self.clock = clock
        self.step = step
        self.ticks = UInt64(ticks)
        self.repeats = repeats
        self.endsWhenIdle = endsWhenIdle
        self.fire = fire
    }

    /// Registers `entry`; starts the clock task when it is not running.
    package func add(_ entry: Entry) -> Token {
        state.withLock { state in
            let token = state.nextToken
            state.nextToken += 1
            state.entries[token] = Registered(entry: entry, since: state.tick)
            // Detached: the clock task outlives the caller and must not carry its task-local values.
            if state.runner == nil {
                state.runnerNumber += 1
                let number = state.runnerNumber
                state.runner = Task.detached { await self.run(number) }
            }
            return token
        }
    }

    /// Forgets the entry (it will not come due). With `endsWhenIdle`, removing the last one ends
    /// the clock task at once, so an idle timer leaves nothing running behind it.
    package func remove(_ token: Token) {
        let idle: Task<Void, Never>? = state.withLock { state in
            guard state.entries.removeValue(forKey: token) != nil, endsWhenIdle, state.entries.isEmpty else { return nil }
            defer { state.runner = nil }
            return state.runner
        }
        idle?.cancel()
    }

    /// The number of entries registered.
    package var count: Int { state.withLock { $0.entries.count } }

    private func run(_ number: UInt64) async {
        while true {
            try? await clock.sleep(for: step)
            let due: [Entry]? = state.withLock { state in
                // Let go (and maybe cancelled): the last entry went; `runner` may be a newer task.
                guard state.runner != nil, state.runnerNumber == number else { return nil }
                state.tick += 1
                guard !state.entries.isEmpty else {
                    state.runner = nil
                    return nil
                }
                let tick = state.tick
                let dueTokens = state.entries.compactMap { tick - $0.value.since >= ticks ? $0.key : nil }
                return dueTokens.compactMap { token in
                    guard let registered = state.entries[token] else { return nil }
                    if repeats { state.entries[token]?.since = tick } else { state.entries[token] = nil }
                    return registered.entry
                }
            }
            guard let due else { return }
            if !due.isEmpty { await fire(due) }
        }
    }
}
