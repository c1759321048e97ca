public import Foundation
public import LinqBot
import SQLiteNIO

extension SQLiteBotStore {
    /// Claims the head event of the oldest claimable chat, takes the chat's lease with the
    /// next fencing token and reads the chat's session, in one `BEGIN IMMEDIATE` transaction.
    ///
    /// A chat's head is its lowest-sequence pending or claimed row; the chat is claimable when
    /// it holds no unexpired lease, the head's `notBefore` has passed, and it is not in `skipping`.
    /// The claim comes with the session (``ClaimedEvent/sessionLoaded``): only the lease holder
    /// writes a chat's session, so it stays current until the fenced ``complete(_:session:now:)``.
    ///
    /// A claim that skips no chat (the dispatcher's) joins the group commit: the claims of all
    /// waiting workers share one search, one status change and one lease upsert, after the
    /// batch's completions and appends; when a batch holds only claims and nothing is
    /// claimable, a plain read answers without a write transaction.
    public func claimNext(worker: String, now: Date, leaseDuration: Duration, skipping: Set<String>) async throws -> ClaimedEvent? {
        let expiresAt = now.addingTimeInterval(leaseDuration.timeInterval)
        if skipping.isEmpty {
            guard case .claimed(let claim) = try await batcher.submit(.claim(worker: worker, now: now, expiresAt: expiresAt)) else {
                throw BotStoreError.unavailable("the group commit answered a claim with another write's result")
            }
            return claim
        }
        let skipped = skipping.sorted()
        let search = Self.claimSearch(limit: 1, skipping: skipped.count)
        let returning = "RETURNING sequence, event_id, dedup_key, chat_key, event_type, body, received_at, attempts"
        let binds: [SQLiteData] = [.time(now)] + skipped.map(SQLiteData.text)
        // The search is a plain read: a worker woken for an event another worker already took
        // finds nothing there, without a write transaction. The status change checks the
        // candidate again (by its key), so a change in between by another process cannot slip through.
        let claimed = try await writer.transaction(after: { db in
            try await db.rows(search, binds).first.map { try $0.int64("sequence") }
        }) { db, sequence in
            try await Self.claim(
                """
                UPDATE inbox SET status = 'claimed'
                WHERE sequence = ?2 AND status IN ('pending', 'claimed')
                  AND (not_before IS NULL OR not_before <= ?1)
                  AND sequence = (
                    SELECT MIN(h.sequence) FROM inbox AS h WHERE h.chat_key = inbox.chat_key AND h.status IN ('pending', 'claimed')
                  )
                  AND NOT EXISTS (
                    SELECT 1 FROM leases AS l WHERE l.chat_key = inbox.chat_key AND l.worker IS NOT NULL AND l.expires_at > ?1
                  )
                \(returning)
                """,
                [.time(now), .integer(.init(sequence))], worker: worker, expiresAt: expiresAt, db: db
            )
        }
        return claimed ?? nil
    }

    private static func claim(_ sql: String, _ binds: [SQLiteData], worker: String, expiresAt: Date, db: SQLiteConnection) async throws -> ClaimedEvent? {
        guard let row = try await db.rows(sql, binds).first else { return nil }
        let sequence = try row.int64("sequence")
        let event = try row.event()
        // The lease and the session in one statement.
        let leaseRows = try await db.rows(
            """
            INSERT INTO leases (chat_key, worker, token, expires_at) VALUES (?, ?, 1, ?)
            ON CONFLICT (chat_key) DO UPDATE
            SET worker = excluded.worker, token = leases.token + 1, expires_at = excluded.expires_at
            RETURNING token,
              (SELECT s.data FROM sessions AS s WHERE s.chat_key = leases.chat_key) AS session_data,
              (SELECT s.updated_at FROM sessions AS s WHERE s.chat_key = leases.chat_key) AS session_updated_at
            """,
            [.text(event.chatKey), .text(worker), .time(expiresAt)]
        )
        guard let lease = leaseRows.first, let token = try? lease.int64("token") else {
            throw BotStoreError.unavailable("SQLite returned no lease token for chat \(event.chatKey)")
        }
        let session = lease.column("session_updated_at")?.double.map {
            StoredSession(data: lease.data("session_data"), updatedAt: Date(timeIntervalSince1970: $0))
        }
        return ClaimedEvent(
            sequence: sequence, event: event, attempts: try row.int("attempts"), worker: worker, fencingToken: token,
            session: session, sessionLoaded: true
        )
    }

    /// Extends the lease while it is still this claim's; throws ``BotStoreError/leaseLost(chatKey:)`` otherwise.
    public func renew(_ claim: ClaimedEvent, now: Date, leaseDuration: Duration) async throws {
        let expiresAt = now.addingTimeInterval(leaseDuration.timeInterval)
        try await writer.transaction { db in
            let renewed = try await db.rows(
                "UPDATE leases SET expires_at = ? WHERE chat_key = ? AND worker = ? AND token = ? RETURNING token",
                [.time(expiresAt), .text(claim.event.chatKey), .text(claim.worker), .integer(.init(claim.fencingToken))]
            )
            guard !renewed.isEmpty else { throw BotStoreError.leaseLost(chatKey: claim.event.chatKey) }
        }
    }

    /// In one transaction, shared with other writes queued at the same time: checks the fence,
    /// marks the event done, writes the session (when given; `nil` keeps the stored one) and
    /// releases the lease. A lost fence changes nothing and fails this completion alone.
    public func complete(_ claim: ClaimedEvent, session: StoredSession?, now: Date) async throws {
        try await complete(claim, absorbing: [], session: session, now: now)
    }

    /// Like ``complete(_:session:now:)``, and also marks the chat's pending events `absorbing`
    /// done: the later messages of a coalesced burst. Shares the group commit.
    public func complete(_ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date) async throws {
        if case .leaseLost(let chat) = try await batcher.submit(.complete(claim, session: session, absorbing: absorbing)) {
            throw BotStoreError.leaseLost(chatKey: chat)
        }
    }

    /// The completion and the worker's next claim in one grouped write.
    public func complete(
        _ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date, claimingNextFor worker: String, leaseDuration: Duration
    ) async throws -> ClaimedEvent? {
        let next = ClaimRequest(worker: worker, now: now, expiresAt: now.addingTimeInterval(leaseDuration.timeInterval))
        switch try await batcher.submit(.completeAndClaim(claim, session: session, absorbing: absorbing, next: next)) {
        case .completedAndClaimed(let claimed): return claimed
        case .leaseLost(let chat): throw BotStoreError.leaseLost(chatKey: chat)
        default: throw BotStoreError.unavailable("the group commit answered a completion with another write's result")
        }
    }

    /// Puts the event back to pending with `attempts`, `notBefore` and `error`, and releases the lease (fenced).
    public func retry(_ claim: ClaimedEvent, attempts: Int, notBefore: Date, error: String) async throws {
        try await writer.transaction { db in
            guard try await Self.releaseFenced(claim, db: db) else { throw BotStoreError.leaseLost(chatKey: claim.event.chatKey) }
            try await db.run(
                "UPDATE inbox SET status = 'pending', attempts = ?, not_before = ?, error = ? WHERE sequence = ?",
                [.integer(.init(attempts)), .time(notBefore), .text(error), .integer(.init(claim.sequence))]
            )
        }
    }

    /// Marks the event dead, copies it to the dead letters with `attempts + 1`, and releases the
    /// lease (fenced), so the chat moves on.
    public func deadLetter(_ claim: ClaimedEvent, error: String, now: Date) async throws {
        try await writer.transaction { db in
            guard try await Self.releaseFenced(claim, db: db) else { throw BotStoreError.leaseLost(chatKey: claim.event.chatKey) }
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
        }
    }
}
