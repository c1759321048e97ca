public import Foundation
public import LinqBot
import PostgresNIO

extension PostgresBotStore {
    /// Claims the head event of the oldest claimable chat, takes the chat's lease with a new
    /// fencing token and reads the chat's session, in one transaction.
    ///
    /// First it locks the lease row of the oldest chat whose lease is free (or expired), whose
    /// head is due and which is not in `skipping`, with `FOR UPDATE SKIP LOCKED`: a chat another
    /// instance is claiming right now is passed over, not waited for. Then, in a statement that
    /// sees everything committed before the lock, it marks the chat's head claimed (checking it
    /// is still due), gives the lease a token from `linqbot_fencing_tokens` and returns the
    /// session (``ClaimedEvent/sessionLoaded``). When the head changed in between (its lease
    /// holder finished or retried it), it moves on to the next chat.
    public func claimNext(worker: String, now: Date, leaseDuration: Duration, skipping: Set<String>) async throws -> ClaimedEvent? {
        let expiresAt = now.addingTimeInterval(leaseDuration.timeInterval)
        return try await transaction { [logger] connection -> ClaimedEvent? in
            var passed = skipping.sorted()
            for _ in 0..<8 {
                let candidates = try await Self.decode(
                    connection.query(
                        """
                        SELECT c.chat_key FROM linqbot_inbox AS i JOIN linqbot_leases AS c ON c.chat_key = i.chat_key
                        WHERE i.status IN ('pending', 'claimed')
                          AND (i.not_before IS NULL OR i.not_before <= \(now))
                          AND (c.worker IS NULL OR c.expires_at <= \(now))
                          AND NOT (i.chat_key = ANY(\(passed)))
                          AND NOT EXISTS (
                            SELECT 1 FROM linqbot_inbox AS h
                            WHERE h.chat_key = i.chat_key AND h.status IN ('pending', 'claimed') AND h.sequence < i.sequence
                          )
                        ORDER BY i.sequence
                        LIMIT 1
                        FOR UPDATE OF c SKIP LOCKED
                        """,
                        logger: logger
                    ),
                    as: String.self
                )
                guard let chat = candidates.first else { return nil }
                let claimed = try await Self.decode(
                    connection.query(
                        """
                        WITH head AS (
                            SELECT sequence FROM linqbot_inbox
                            WHERE chat_key = \(chat) AND status IN ('pending', 'claimed') ORDER BY sequence LIMIT 1
                        ), taken AS (
                            UPDATE linqbot_inbox AS i SET status = 'claimed' FROM head
                            WHERE i.sequence = head.sequence AND (i.not_before IS NULL OR i.not_before <= \(now))
                            RETURNING i.sequence, i.event_id, i.dedup_key, i.chat_key, i.event_type, i.body, i.received_at, i.attempts
                        ), lease AS (
                            UPDATE linqbot_leases SET worker = \(worker), token = nextval('linqbot_fencing_tokens'), expires_at = \(expiresAt)
                            WHERE chat_key = \(chat) AND EXISTS (SELECT 1 FROM taken)
                            RETURNING token
                        )
                        SELECT t.sequence, t.event_id, t.dedup_key, t.chat_key, t.event_type, t.body, t.received_at, t.attempts,
                               lease.token, s.data, s.updated_at
                        FROM taken AS t CROSS JOIN lease LEFT JOIN linqbot_sessions AS s ON s.chat_key = t.chat_key
                        """,
                        logger: logger
                    ),
                    as: (Int64, String, String?, String, String, Data, Date, Int, Int64, Data?, Date?).self
                )
                if let row = claimed.first {
                    let event = NewInboxEvent(eventID: row.1, dedupKey: row.2, chatKey: row.3, eventType: row.4, body: row.5, receivedAt: row.6)
                    let session = row.10.map { StoredSession(data: row.9 ?? Data(), updatedAt: $0) }
                    return ClaimedEvent(
                        sequence: row.0, event: event, attempts: row.7, worker: worker, fencingToken: row.8, session: session, sessionLoaded: true
                    )
                }
                passed.append(chat)
            }
            return nil
        }
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

    /// In one statement: checks the fence, marks the event done, writes the session (when
    /// given; `nil` keeps the stored one) and releases the lease. A lost fence changes nothing.
    public func complete(_ claim: ClaimedEvent, session: StoredSession?, now: Date) async throws {
        try await complete(claim, absorbing: [], session: session, now: now)
    }

    /// Like ``complete(_:session:now:)``, and also marks the chat's pending events `absorbing`
    /// done (the later messages of a coalesced burst); sequences of other chats are ignored.
    public func complete(_ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date) async throws {
        try await fenced(claim) { sql in
            let chat = try sql.bind(claim.event.chatKey, as: "text")
            return """
                , finished AS (
                    UPDATE linqbot_inbox SET status = 'done'
                    WHERE EXISTS (SELECT 1 FROM fence) AND chat_key = \(chat)
                      AND (sequence = \(try sql.bind(claim.sequence, as: "bigint"))
                           OR (sequence = ANY(\(try sql.bind(absorbing, as: "bigint[]"))) AND status = 'pending'))
                ), saved AS (
                    INSERT INTO linqbot_sessions (chat_key, data, updated_at)
                    SELECT chat_key, \(try sql.bind(session?.data, as: "bytea")), \(try sql.bind(session?.updatedAt, as: "timestamptz"))
                    FROM fence WHERE \(session == nil ? "false" : "true")
                    ON CONFLICT (chat_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                )
                """
        }
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
