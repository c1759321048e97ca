public import Foundation
public import LinqBot
import PostgresNIO

extension PostgresBotStore {
    /// Claims the head event of the oldest claimable chat, takes the chat's lease with a new
    /// fencing token and reads the chat's session, in one prepared statement (one round trip,
    /// one commit, planned once per connection: ``ClaimStatement``).
    ///
    /// The statement locks the lease row of the oldest chat whose lease is free (or expired),
    /// whose head is due and which is not in `skipping`, with `FOR UPDATE SKIP LOCKED`: a chat
    /// another instance is claiming right now is passed over, not waited for. It then marks
    /// that head claimed, gives the lease a token from `linqbot_fencing_tokens` and returns the
    /// session (``ClaimedEvent/sessionLoaded``).
    ///
    /// The statement reads one snapshot, taken before the lock; the lock and the updates see
    /// the latest committed rows instead. So the head is marked claimed only if it is still
    /// pending or claimed and due. Anything that changed the chat after the snapshot (another
    /// instance finished, retried or dead-lettered the head, and wrote the session with it) has
    /// changed that head row, so the claim takes nothing, and the session it read, possibly
    /// older than the lock, is never used: the chat is passed over and the next statement,
    /// with a fresh snapshot, tries again.
    public func claimNext(worker: String, now: Date, leaseDuration: Duration, skipping: Set<String>) async throws -> ClaimedEvent? {
        let expiresAt = now.addingTimeInterval(leaseDuration.timeInterval)
        var passed = skipping.sorted()
        for _ in 0..<8 {
            let statement = ClaimStatement(now: now, passed: passed, worker: worker, expiresAt: expiresAt)
            let rows = try await Self.storeErrors { try await Self.run(statement, on: client, within: configuration.answerTimeout, logger: logger) }
            guard let row = rows.first else { return nil }
            guard let sequence = row.1, let eventID = row.2, let eventType = row.4, let body = row.5, let receivedAt = row.6,
                let attempts = row.7, let token = row.8
            else {
                passed.append(row.0)
                continue
            }
            let event = NewInboxEvent(eventID: eventID, dedupKey: row.3, chatKey: row.0, eventType: eventType, body: body, receivedAt: receivedAt)
            let session = row.10.map { StoredSession(data: row.9 ?? Data(), updatedAt: $0) }
            return ClaimedEvent(
                sequence: sequence, event: event, attempts: attempts, worker: worker, fencingToken: token, session: session, sessionLoaded: true
            )
        }
        return nil
    }

    /// Extends the lease while it is still this claim's; throws ``BotStoreError/leaseLost(chatKey:)`` otherwise.
    public func renew(_ claim: ClaimedEvent, now: Date, leaseDuration: Duration) async throws {
        let expiresAt = now.addingTimeInterval(leaseDuration.timeInterval)
        let renewed = try await rows(
            """
            UPDATE linqbot_leases SET expires_at = \(expiresAt)
            WHERE chat_key = \(claim.event.chatKey) AND worker = \(claim.worker) AND token = \(claim.fencingToken)
            RETURNING token
            """,
            as: Int64.self
        )
        guard !renewed.isEmpty else { throw BotStoreError.leaseLost(chatKey: claim.event.chatKey) }
    }

    /// Puts the event back to pending with `attempts`, `notBefore` and `error`, and releases the lease (fenced).
    public func retry(_ claim: ClaimedEvent, attempts: Int, notBefore: Date, error: String) async throws {
        try await fenced(claim) { sql in
            """
            , again AS (
                UPDATE linqbot_inbox
                SET status = 'pending', attempts = \(try sql.bind(attempts, as: "integer")),
                    not_before = \(try sql.bind(notBefore, as: "timestamptz")), error = \(try sql.bind(error, as: "text"))
                WHERE EXISTS (SELECT 1 FROM fence) AND sequence = \(try sql.bind(claim.sequence, as: "bigint"))
            )
            """
        }
    }

    /// Marks the event dead, copies it to the dead letters with `attempts + 1`, and releases the
    /// lease (fenced), so the chat moves on.
    public func deadLetter(_ claim: ClaimedEvent, error: String, now: Date) async throws {
        let event = claim.event
        try await fenced(claim) { sql in
            let sequence = try sql.bind(claim.sequence, as: "bigint")
            let reason = try sql.bind(error, as: "text")
            let values = [
                sequence, try sql.bind(event.eventID, as: "text"), try sql.bind(event.dedupKey, as: "text"), try sql.bind(event.chatKey, as: "text"),
                try sql.bind(event.eventType, as: "text"), try sql.bind(event.body, as: "bytea"), try sql.bind(event.receivedAt, as: "timestamptz"),
                try sql.bind(claim.attempts + 1, as: "integer"), reason, try sql.bind(now, as: "timestamptz"),
            ]
            return """
                , dead AS (
                    UPDATE linqbot_inbox SET status = 'dead', error = \(reason)
                    WHERE EXISTS (SELECT 1 FROM fence) AND sequence = \(sequence)
                ), letter AS (
                    INSERT INTO linqbot_dead_letters
                        (inbox_sequence, event_id, dedup_key, chat_key, event_type, body, received_at, attempts, error, failed_at)
                    SELECT \(values.joined(separator: ", ")) FROM fence
                )
                """
        }
    }

    /// Runs the `WITH` clauses that `changes` writes (each conditioned on the `fence` row) after
    /// the fenced lease release, as one statement; throws ``BotStoreError/leaseLost(chatKey:)``
    /// when the claim's chat, worker and token match no lease, in which case nothing changed.
    ///
    /// A claim racing for the same lease row makes the release wait for it and then check the
    /// token again, so a fenced write never lands beside a newer claim.
    private func fenced(_ claim: ClaimedEvent, _ changes: (inout PostgresStatement) throws -> String) async throws {
        var sql = PostgresStatement()
        let fence = """
            WITH fence AS (
                UPDATE linqbot_leases SET worker = NULL, expires_at = NULL
                WHERE chat_key = \(try sql.bind(claim.event.chatKey, as: "text")) AND worker = \(try sql.bind(claim.worker, as: "text"))
                  AND token = \(try sql.bind(claim.fencingToken, as: "bigint"))
                RETURNING chat_key
            )
            """
        let rest = try changes(&sql)
        let held = try await rows(sql.query(fence + rest + " SELECT count(*) FROM fence"), as: Int.self)
        guard held.first == 1 else { throw BotStoreError.leaseLost(chatKey: claim.event.chatKey) }
    }
}
