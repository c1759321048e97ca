import Synchronization

/// Wakes whoever waits for the reply to message n when the simulator accepts it (replies that
/// arrive before anyone waits are remembered).
final class ReplySignals: Sendable {
    private struct State {
        var waiting: [Int: CheckedContinuation<Bool, Never>] = [:]
        var arrived: Set<Int> = []
        /// Waits whose time ran out before they began waiting.
        var expired: Set<Int> = []
    }

    private let state = Mutex(State())

    /// The reply to message `number` was accepted.
    func arrived(_ number: Int) {
        let waiter = state.withLock { state in
            guard let waiter = state.waiting.removeValue(forKey: number) else {
                state.arrived.insert(number)
                return nil as CheckedContinuation<Bool, Never>?
            }
            return waiter
        }
        waiter?.resume(returning: true)
    }

    /// Waits until the reply to message `number` is accepted (true) or `limit` passed (false).
    func wait(for number: Int, within limit: Duration) async -> Bool {
        let timeout = Task {
            try await Task.sleep(for: limit)
            let waiter = state.withLock { state in
                guard let waiter = state.waiting.removeValue(forKey: number) else {
                    state.expired.insert(number)
                    return nil as CheckedContinuation<Bool, Never>?
                }
                return waiter
            }
            waiter?.resume(returning: false)
        }
        defer { timeout.cancel() }
        return await withCheckedContinuation { continuation in
            let ready: Bool? = state.withLock { state in
                if state.arrived.remove(number) != nil { return true }
                if state.expired.remove(number) != nil { return false }
                state.waiting[number] = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
