/// Group commit, for the stores: writes that arrive while `concurrency` batches are already
/// committing wait together, and the next free slot commits all of them in one transaction
/// (one sync). SQLite, with its one writer, commits one batch at a time; PostgreSQL, with a
/// pool, two.
///
/// There is no background task. A caller that finds a free slot commits at once, with whatever
/// waits (itself included). A caller that finds every slot busy waits; when a batch ends, its
/// committer passes the slot to the oldest waiting caller, which then commits the writes
/// queued by then. Every caller returns after the statement that held its write committed.
package actor GroupCommit<Item: Sendable, Output: Sendable> {
    /// Commits items in one transaction and returns one result per item, in order.
    package typealias Commit = @Sendable ([Item]) async throws -> [Output]

    /// How a waiting caller is woken.
    private enum Wake {
        /// Its write committed (in someone else's batch) with this result.
        case finished(Output)
        /// It holds a slot now and commits the queue.
        case commit
    }

    private struct Queued {
        var ticket: UInt64
        var item: Item
        /// `nil` once the caller has been told to commit (it is awake).
        var waiter: CheckedContinuation<Wake, any Error>?
    }

    private let commit: Commit
    private let concurrency: Int
    private let batchLimit: Int
    private var queue: [Queued] = []
    private var busySlots = 0
    private var nextTicket: UInt64 = 0

    /// - Parameters:
    ///   - concurrency: Batches committing at once (each on its own connection).
    ///   - batchLimit: The most writes in one batch.
    ///   - commit: Writes one batch.
    package init(concurrency: Int, batchLimit: Int = 256, commit: @escaping Commit) {
        precondition(concurrency > 0 && batchLimit > 0)
        self.concurrency = concurrency
        self.batchLimit = batchLimit
        self.commit = commit
    }

    /// Callers waiting for a slot (tests watch it).
    package var waiting: Int { queue.count }

    /// Writes `item` in a batch and returns its result once that batch committed.
    package func submit(_ item: Item) async throws -> Output {
        let ticket = nextTicket
        nextTicket &+= 1
        if busySlots < concurrency {
            busySlots += 1
            queue.append(Queued(ticket: ticket, item: item, waiter: nil))
        } else {
            let wake = try await withCheckedThrowingContinuation { waiter in
                queue.append(Queued(ticket: ticket, item: item, waiter: waiter))
            }
            if case .finished(let output) = wake { return output }
        }
        return try await commitQueue(holding: ticket)
    }

    /// Commits the caller's write with the oldest writes still waiting, answers the other
    /// callers of the batch, and passes the slot on. Writes of callers already told to commit
    /// stay in the queue for them.
    private func commitQueue(holding ticket: UInt64) async throws -> Output {
        guard let own = queue.firstIndex(where: { $0.ticket == ticket }) else {
            passSlot()
            throw BotStoreError.unavailable("the write was missing from the group-commit queue")
        }
        var batch = [queue.remove(at: own)]
        var index = 0
        while batch.count < batchLimit, index < queue.count {
            if queue[index].waiter != nil {
                batch.append(queue.remove(at: index))
            } else {
                index += 1
            }
        }
        batch.sort { $0.ticket < $1.ticket }
        let outcome: Result<[Output], any Error>
        do {
            let results = try await commit(batch.map(\.item))
            precondition(results.count == batch.count, "a batch commit returns one result per write")
            outcome = .success(results)
        } catch {
            outcome = .failure(error)
        }
        var mine: Result<Output, any Error> = .failure(BotStoreError.unavailable("the write was missing from its batch"))
        for (index, entry) in batch.enumerated() {
            let result = outcome.map { $0[index] }
            if entry.ticket == ticket {
                mine = result
            } else {
                entry.waiter?.resume(with: result.map(Wake.finished))
            }
        }
        passSlot()
        return try mine.get()
    }

    /// Wakes the oldest waiting caller to commit, or frees the slot when none waits.
    private func passSlot() {
        guard let index = queue.firstIndex(where: { $0.waiter != nil }), let waiter = queue[index].waiter else {
            busySlots -= 1
            return
        }
        queue[index].waiter = nil
        waiter.resume(returning: .commit)
    }
}
