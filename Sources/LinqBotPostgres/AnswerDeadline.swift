import LinqBot
import Synchronization

/// A bound on how long the store waits for PostgreSQL to answer one operation.
///
/// PostgresNIO hands a statement to a pooled connection by writing it into the connection's
/// channel without waiting for the write; when the server closes that connection in the same
/// instant (a restart, a failover), the statement can be dropped with the channel and its
/// answer never comes. The caller would wait forever: a handler would keep its chat (the lease
/// heartbeat beside it goes on renewing), a group commit would keep its slot. Every pooled
/// operation of ``PostgresBotStore`` runs under a deadline instead: past it, the caller gets
/// ``BotStoreError/unavailable(_:)``, which the runtime treats as any outage (the ingress
/// answers 503, a handler's event is retried), and the lost operation is cancelled.
enum AnswerDeadline {
    /// Runs `operation` and returns its result, or throws ``BotStoreError/unavailable(_:)`` once
    /// `limit` passed on `clock` without one. Cancelling the caller cancels the operation and
    /// throws `CancellationError` at once, whether or not the operation has ended: a lost
    /// statement never ends, and a stop must not wait out the deadline for it.
    static func run<Result: Sendable>(
        within limit: Duration, clock: any Clock<Duration> = ContinuousClock(), _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let answer = Answer<Result>()
        let work = Task {
            do {
                answer.settle(.success(try await operation()))
            } catch {
                answer.settle(.failure(error))
            }
        }
        let timer = Task {
            // Cancelled once the answer came: the sleep throws and nothing is settled.
            guard (try? await clock.sleep(for: limit)) != nil else { return }
            answer.settle(.failure(BotStoreError.unavailable("PostgreSQL did not answer within \(limit) (the connection may have closed under the statement)")))
            work.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in answer.wait(continuation) }
        } onCancel: {
            answer.settle(.failure(CancellationError()))
            work.cancel()
        }
    }
}

/// The first outcome of an operation raced against its deadline, handed to one waiter.
private final class Answer<Result: Sendable>: Sendable {
    private enum State {
        case pending(CheckedContinuation<Result, any Error>?)
        case settled(Swift.Result<Result, any Error>)
        case delivered
    }

    private let state = Mutex(State.pending(nil))

    /// Records the outcome, unless one was recorded first, and hands it to the waiter if it waits.
    func settle(_ outcome: Swift.Result<Result, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result, any Error>? in
            guard case .pending(let waiter) = state else { return nil }
            if let waiter {
                state = .delivered
                return waiter
            }
            state = .settled(outcome)
            return nil
        }
        waiter?.resume(with: outcome)
    }

    /// Hands the outcome to `continuation` now, or once it is settled.
    func wait(_ continuation: CheckedContinuation<Result, any Error>) {
        let ready = state.withLock { state -> Swift.Result<Result, any Error>? in
            switch state {
            case .settled(let outcome):
                state = .delivered
                return outcome
            case .pending, .delivered:
                state = .pending(continuation)
                return nil
            }
        }
        if let ready { continuation.resume(with: ready) }
    }
}
