import Synchronization

/// A wait that the first of several parties ends: the work's result, a deadline, a cancellation.
/// Later answers are ignored; an answer that comes before the waiter is kept for it.
package final class OneAnswer<Value: Sendable>: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Value, any Error>?)
        case answered(Result<Value, any Error>)
        case done
    }

    private let state = Mutex(State.waiting(nil))

    package init() {}

    /// Waits for the first answer; `start` runs once the wait is in place (it starts whatever
    /// answers).
    package func wait(_ start: () -> Void) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let early: Result<Value, any Error>? = state.withLock { state in
                switch state {
                case .waiting:
                    state = .waiting(continuation)
                    return nil
                case .answered(let result):
                    state = .done
                    return result
                case .done:
                    return nil
                }
            }
            if let early { continuation.resume(with: early) } else { start() }
        }
    }

    /// Ends the wait with `result`, unless it already ended.
    package func answer(_ result: Result<Value, any Error>) {
        let waiting: CheckedContinuation<Value, any Error>? = state.withLock { state in
            switch state {
            case .waiting(let continuation?):
                state = .done
                return continuation
            case .waiting(nil):
                state = .answered(result)
                return nil
            case .answered, .done:
                return nil
            }
        }
        waiting?.resume(with: result)
    }
}
