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
    static func complete(_ batch: [Completion], on client: PostgresClient, logger: Logger) async -> [Result<Bool, any Error>] {
        do {
            let held = try await storeErrors { try await decode(client.query(try completeStatement(batch), logger: logger), as: Int.self) }
            let positions = Set(held)
            return batch.indices.map { .success(positions.contains($0)) }
        } catch {
            guard batch.count > 1 else { return [.failure(error)] }
            var results: [Result<Bool, any Error>] = []
            for completion in batch { results += await complete([completion], on: client, logger: logger) }
            return results
        }
    }

    /// The statement that completes a batch. Each completion's fence is its lease row with the
    /// claim's worker and token; only the completions whose fence held (returned by position)
    /// mark events done and write sessions.
    static func completeStatement(_ batch: [Completion]) throws -> PostgresQuery {
        var sql = PostgresStatement()
        var rows: [String] = []
        for (position, completion) in batch.enumerated() {
            let claim = completion.claim
            let values = [
                "\(position)", try sql.bind(claim.event.chatKey, as: "text"), try sql.bind(claim.worker, as: "text"),
                try sql.bind(claim.fencingToken, as: "bigint"), try sql.bind(claim.sequence, as: "bigint"),
                try sql.bind(completion.absorbing, as: "bigint[]"), completion.session == nil ? "false" : "true",
                try sql.bind(completion.session?.data, as: "bytea"), try sql.bind(completion.session?.updatedAt, as: "timestamptz"),
            ]
            rows.append("(\(values.joined(separator: ", ")))")
        }
        return sql.query(
            """
            WITH input (position, chat_key, worker, token, sequence, absorbing, saves, data, updated_at) AS (
                VALUES \(rows.joined(separator: ", "))
            ), fence AS (
                UPDATE linqbot_leases AS l SET worker = NULL, expires_at = NULL FROM input
                WHERE l.chat_key = input.chat_key AND l.worker = input.worker AND l.token = input.token
                RETURNING input.position, input.chat_key, input.sequence, input.absorbing, input.saves, input.data, input.updated_at
            ), finished AS (
                UPDATE linqbot_inbox AS i SET status = 'done' FROM fence
                WHERE i.chat_key = fence.chat_key
                  AND (i.sequence = fence.sequence OR (i.sequence = ANY(fence.absorbing) AND i.status = 'pending'))
            ), saved AS (
                INSERT INTO linqbot_sessions (chat_key, data, updated_at)
                SELECT chat_key, data, updated_at FROM fence WHERE saves ORDER BY chat_key
                ON CONFLICT (chat_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
            )
            SELECT position FROM fence
            """
        )
    }
}
