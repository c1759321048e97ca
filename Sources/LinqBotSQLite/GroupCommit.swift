import LinqBot

/// Group commit: writes that arrive while a batch is committing wait, and the next batch
/// commits them together in one transaction (one fsync under `synchronous=FULL`). The store
/// sends its inbox appends, fenced completions, sent-message records, counter changes and claims
/// through one.
///
/// No background task: the caller that finds no batch in flight becomes the *committer*. It
/// takes the queue (itself first), commits it, resumes every other caller of that batch with
/// its own result, and hands the committer role to the oldest caller still queued, then
/// returns. So each caller returns only after the transaction holding its write committed,
/// and no caller commits more than one batch.
actor GroupCommit<Item: Sendable, Output: Sendable> {
    /// Commits items in order in one transaction and returns one result per item.
    typealias Commit = @Sendable ([Item]) async throws -> [Output]

    private enum Turn {
        case done(Output)
        case commit
    }

    private struct Waiting {
        var id: UInt64
        var item: Item
        /// `nil` for the committer's own entry.
        var continuation: CheckedContinuation<Turn, any Error>?
    }

    private let commit: Commit
    private let maxBatch: Int
    private var queue: [Waiting] = []
    private var committing = false
    private var nextID: UInt64 = 0

    init(maxBatch: Int = 512, commit: @escaping Commit) {
        precondition(maxBatch > 0)
        self.maxBatch = maxBatch
        self.commit = commit
    }

    /// Writes waiting for the next batch (tests watch it).
    var queuedCount: Int { queue.count }

    /// Writes `item` in the next batch; returns its result after that batch committed.
    func submit(_ item: Item) async throws -> Output {
        let id = nextID
        nextID &+= 1
        if committing {
            let turn = try await withCheckedThrowingContinuation { continuation in
                queue.append(Waiting(id: id, item: item, continuation: continuation))
            }
            // `.commit`: handed the committer role; this entry heads the queue.
            if case .done(let result) = turn { return result }
        } else {
            committing = true
            queue.append(Waiting(id: id, item: item, continuation: nil))
        }
        return try await commitBatch(ownID: id)
    }

    private func commitBatch(ownID: UInt64) async throws -> Output {
        let batch = Array(queue.prefix(maxBatch))
        queue.removeFirst(batch.count)
        let outcome: Result<[Output], any Error>
        do {
            let results = try await commit(batch.map(\.item))
            precondition(results.count == batch.count, "one result per item")
            outcome = .success(results)
        } catch {
            outcome = .failure(error)
        }
        var own: Result<Output, any Error> = .failure(BotStoreError.unavailable("the write was not in its batch"))
        for (index, waiting) in batch.enumerated() {
            let result = outcome.map { $0[index] }
            if waiting.id == ownID {
                own = result
            } else {
                waiting.continuation?.resume(with: result.map(Turn.done))
            }
        }
        handOff()
        return try own.get()
    }

    /// Wakes the oldest queued caller as the next committer, or ends the committing phase.
    private func handOff() {
        guard !queue.isEmpty, let next = queue[0].continuation else {
            committing = false
            return
        }
        queue[0].continuation = nil
        next.resume(returning: .commit)
    }
}
