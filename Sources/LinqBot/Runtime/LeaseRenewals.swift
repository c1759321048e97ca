/// Keeps the chat leases of the events being handled, on one shared timer: each lease is renewed
/// every sixth to third of the lease duration while its handler runs. A renewal that fails
/// (the lease was lost to another worker, the store is down) cancels that handler and ends its
/// run with the renewal's error.
final class LeaseRenewals: Sendable {
    /// One handler in flight.
    struct Held: Sendable {
        let claim: ClaimedEvent
        let task: Task<Void, Never>
        let answer: OneAnswer<Void>
    }

    private let timer: SharedTimer<Held>

    init(environment: BotEnvironment, leaseDuration: Duration) {
        timer = SharedTimer(clock: environment.clock, step: leaseDuration / 6, ticks: 2, repeats: true) { due in
            await withDiscardingTaskGroup { group in
                for held in due {
                    group.addTask {
                        do {
                            try await environment.store.renew(held.claim, now: environment.now(), leaseDuration: leaseDuration)
                        } catch {
                            held.answer.answer(.failure(error))
                            held.task.cancel()
                        }
                    }
                }
            }
        }
    }

    /// Runs `body` for `claim` with its lease renewed until it returns; cancelling the caller
    /// cancels `body`. Returns once `body` has ended.
    func run(_ claim: ClaimedEvent, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let answer = OneAnswer<Void>()
        let task = Task {
            do {
                try await body()
                answer.answer(.success(()))
            } catch {
                answer.answer(.failure(error))
            }
        }
        let token = timer.add(Held(claim: claim, task: task, answer: answer))
        defer { timer.remove(token) }
        do {
            try await withTaskCancellationHandler {
                try await answer.wait {}
            } onCancel: {
                task.cancel()
            }
        } catch {
            // A lost lease answers first: the handler still ends before the failure is handled.
            task.cancel()
            await task.value
            throw error
        }
    }
}
