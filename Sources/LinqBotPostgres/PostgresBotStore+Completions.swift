public import Foundation
public import LinqBot
import Logging
import PostgresNIO

extension PostgresBotStore {
    /// One finished claim waiting to be committed.
    struct Completion: Sendable {
        var claim: ClaimedEvent
        var absorbing: [Int64]
        var session: StoredSession?
    }

    /// Checks the fence, marks the event done, writes the session (when given; `nil` keeps the
    /// stored one) and releases the lease, in one statement. A lost fence changes nothing.
    /// Completions that arrive while others commit share the next statement (group commit).
    public func complete(_ claim: ClaimedEvent, session: StoredSession?, now: Date) async throws {
        try await complete(claim, absorbing: [], session: session, now: now)
    }

    /// Like ``complete(_:session:now:)``, and also marks the chat's pending events `absorbing`
    /// done (the later messages of a coalesced burst); sequences of other chats are ignored.
    public func complete(_ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date) async throws {
        let held = try await completions.submit(Completion(claim: claim, absorbing: absorbing, session: session)).get()
        guard held else { throw BotStoreError.leaseLost(chatKey: claim.event.chatKey) }
    }

    /// Commits a batch of completions in one statement and answers, per completion, whether
    /// its fence held. When the batch fails as a whole (a deadlock between two batches is
    /// possible in principle, when a late completion of a lost lease meets the new holder's),
    /// each completion is tried on its own, so one bad completion never fails the others.
    static func complete(_ batch: [Completion], on client: PostgresClient, within limit: Duration, logger: Logger) async -> [Result<Bool, any Error>] {
        do {
            let held = Set(try await storeErrors { try await run(CompleteStatement(batch: batch), on: client, within: limit, logger: logger) })
            return batch.indices.map { .success(held.contains($0 + 1)) }
        } catch {
            guard batch.count > 1 else { return [.failure(error)] }
            var results: [Result<Bool, any Error>] = []
            for completion in batch { results += await complete([completion], on: client, within: limit, logger: logger) }
            return results
        }
    }
}
