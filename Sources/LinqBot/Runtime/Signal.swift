import Synchronization

/// Wakes idle workers: `notify()` wakes one waiter (or the next to wait), `notifyAll()` every
/// waiter, `close()` every waiter now and every later `wait()` at once (on stop).
///
/// The notifying calls are synchronous: an append wakes a worker without a task of its own.
final class Signal: Sendable {
    private struct State {
        var waiters: [CheckedContinuation<Void, Never>] = []
        var credits = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let maxCredits: Int

    init(maxCredits: Int) { self.maxCredits = maxCredits }

    func wait() async {
        await withCheckedContinuation { continuation in
            let goOn = state.withLock { state in
                if state.closed { return true }
                if state.credits > 0 {
                    state.credits -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if goOn { continuation.resume() }
        }
    }

    func notify() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            if state.waiters.isEmpty {
                state.credits = min(state.credits + 1, maxCredits)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume()
    }

    func close() {
        state.withLock { $0.closed = true }
        notifyAll()
    }

    func notifyAll() {
        let all = state.withLock { state in
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in all { waiter.resume() }
    }
}
