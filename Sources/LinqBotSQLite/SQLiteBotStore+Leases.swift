public import Foundation
public import LinqBot
import SQLiteNIO

extension SQLiteBotStore {
    /// Claims the head event of the oldest claimable chat and takes the chat's lease with the
    /// next fencing token, all in one `BEGIN IMMEDIATE` transaction.
    ///
    /// A chat's head is its lowest-sequence pending or claimed row; the chat is claimable when
    /// it holds no unexpired lease, the head's `notBefore` has passed, and it is not in `skipping`.
    public func claimNext(worker: String, now: Date, leaseDuration: Duration, skipping: Set<String>) async throws -> ClaimedEvent? {
        let skipped = skipping.sorted()
        let skipClause = skipped.isEmpty ? "" : "AND i.chat_key NOT IN (\(Array(repeating: "?", count: skipped.count).joined(separator: ", ")))"
        let sql = """
            SELECT i.sequence, i.event_id, i.dedup_key, i.chat_key, i.event_type, i.body, i.received_at, i.attempts
            FROM inbox AS i
            WHERE i.status IN ('pending', 'claimed')
              AND i.sequence = (
                SELECT MIN(h.sequence) FROM inbox AS h WHERE h.chat_key = i.chat_key AND h.status IN ('pending', 'claimed')
              )
              AND (i.not_before IS NULL OR i.not_before <= ?1)
              AND NOT EXISTS (
                SELECT 1 FROM leases AS l WHERE l.chat_key = i.chat_key AND l.worker IS NOT NULL AND l.expires_at > ?1
              )
              \(skipClause)
            ORDER BY i.sequence
            LIMIT 1
            """
        let binds: [SQLiteData] = [.time(now)] + skipped.map(SQLiteData.text)
        let expiresAt = now.addingTimeInterval(leaseDuration.timeInterval)
        return try await writer.transaction { db in
            guard let row = try await db.rows(sql, binds).first else { return nil }
            let sequence = try row.int64("sequence")
            let event = try row.event()
            let tokenRows = try await db.rows(
                """
                INSERT INTO leases (chat_key, worker, token, expires_at) VALUES (?, ?, 1, ?)
                ON CONFLICT (chat_key) DO UPDATE
                SET worker = excluded.worker, token = leases.token + 1, expires_at = excluded.expires_at
                RETURNING token
                """,
                [.text(event.chatKey), .text(worker), .time(expiresAt)]
            )
            guard let token = try tokenRows.first?.int64("token") else {
                throw BotStoreError.unavailable("SQLite returned no lease token for chat \(event.chatKey)")
            }
            try await db.run("UPDATE inbox SET status = 'claimed' WHERE sequence = ?", [.integer(.init(sequence))])
            return ClaimedEvent(sequence: sequence, event: event, attempts: try row.int("attempts"), worker: worker, fencingToken: token)
        }
    }

    /// Extends the lease while it is still this claim's; throws ``BotStoreError/leaseLost(chatKey:)`` otherwise.
    public func renew(_ claim: ClaimedEvent, now: Date, leaseDuration: Duration) async throws {
        let expiresAt = now.addingTimeInterval(leaseDuration.timeInterval)
        try await writer.transaction { db in
            try await Self.checkFence(claim, db: db)
            try await db.run("UPDATE leases SET expires_at = ? WHERE chat_key = ?", [.time(expiresAt), .text(claim.event.chatKey)])
        }
    }

    /// In one transaction: checks the fence, marks the event done, writes the session (when
    /// given; `nil` keeps the stored one) and releases the lease.
    public func complete(_ claim: ClaimedEvent, session: StoredSession?, now: Date) async throws {
        try await writer.transaction { db in
            try await Self.checkFence(claim, db: db)
            try await db.run("UPDATE inbox SET status = 'done' WHERE sequence = ?", [.integer(.init(claim.sequence))])
            CrashPoint.midTransaction.reached()
            if let session {
                try await db.run(
                    """
                    INSERT INTO sessions (chat_key, data, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (chat_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                    """,
                    [.text(claim.event.chatKey), .bytes(session.data), .time(session.updatedAt)]
                )
            }
            try await Self.release(claim, db: db)
        }
    }

    /// Puts the event back to pending with `attempts`, `notBefore` and `error`, and releases the lease (fenced).
    public func retry(_ claim: ClaimedEvent, attempts: Int, notBefore: Date, error: String) async throws {
        try await writer.transaction { db in
            try await Self.checkFence(claim, db: db)
            try await db.run(
                "UPDATE inbox SET status = 'pending', attempts = ?, not_before = ?, error = ? WHERE sequence = ?",
                [.integer(.init(attempts)), .time(notBefore), .text(error), .integer(.init(claim.sequence))]
            )
            try await Self.release(claim, db: db)
        }
    }

    /// Marks the event dead, copies it to the dead letters with `attempts + 1`, and releases the
    /// lease (fenced), so the chat moves on.
    public func deadLetter(_ claim: ClaimedEvent, error: String, now: Date) async throws {
        try await writer.transaction { db in
            try await Self.checkFence(claim, db: db)
            try await db.run(
                "UPDATE inbox SET status = 'dead', error = ? WHERE sequence = ?", [.text(error), .integer(.init(claim.sequence))]
            )
            let event = claim.event
            try await db.run(
                """
                INSERT INTO dead_letters
                    (inbox_sequence, event_id, dedup_key, chat_key, event_type, body, received_at, attempts, error, failed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(.init(claim.sequence)), .text(event.eventID), event.dedupKey.map(SQLiteData.text) ?? .null,
                    .text(event.chatKey), .text(event.eventType), .bytes(event.body), .time(event.receivedAt),
                    .integer(.init(claim.attempts + 1)), .text(error), .time(now),
                ]
            )
            try await Self.release(claim, db: db)
        }
    }

    /// Throws ``BotStoreError/leaseLost(chatKey:)`` unless the chat's lease is held by this claim's worker and token.
    private static func checkFence(_ claim: ClaimedEvent, db: SQLiteConnection) async throws {
        let rows = try await db.rows(
            "SELECT 1 FROM leases WHERE chat_key = ? AND worker = ? AND token = ?",
            [.text(claim.event.chatKey), .text(claim.worker), .integer(.init(claim.fencingToken))]
        )
        guard !rows.isEmpty else { throw BotStoreError.leaseLost(chatKey: claim.event.chatKey) }
    }

    /// Frees the chat but keeps its token, so the next claim's token is still larger.
    private static func release(_ claim: ClaimedEvent, db: SQLiteConnection) async throws {
        try await db.run("UPDATE leases SET worker = NULL, expires_at = NULL WHERE chat_key = ?", [.text(claim.event.chatKey)])
    }
}
