public import Foundation
public import LinqBot
import SQLiteNIO

extension SQLiteBotStore {
    /// Deletes what is past its cutoff, in one transaction, and reports what went.
    public func prune(_ cutoffs: PruneCutoffs) async throws -> PruneReport {
        try await paces.flush(force: true)
        paces.forgetSpent(now: cutoffs.now)
        return try await writer.transaction { db in
            var report = PruneReport()
            report.inboxRows = try await Self.delete(
                "DELETE FROM inbox WHERE status IN ('done', 'dead') AND received_at < ?", .time(cutoffs.inboxBefore), db: db
            )
            report.dedupKeys = try await Self.delete("DELETE FROM dedup_keys WHERE seen_at < ?", .time(cutoffs.dedupKeysBefore), db: db)
            report.sentMessages = try await Self.delete("DELETE FROM sent_messages WHERE sent_at < ?", .time(cutoffs.sentBefore), db: db)
            report.counters = try await Self.delete(
                "DELETE FROM counters WHERE expires_at IS NOT NULL AND expires_at <= ?", .time(cutoffs.now), db: db
            )
            report.counters += try await Self.delete(
                "DELETE FROM pair_paces WHERE arrival <= ?1 AND blocked_until <= ?1", .time(cutoffs.now), db: db
            )
            report.sessions = try await Self.delete(
                """
                DELETE FROM sessions WHERE updated_at < ?
                    AND NOT EXISTS (SELECT 1 FROM inbox WHERE inbox.chat_key = sessions.chat_key AND status IN ('pending', 'claimed'))
                    AND NOT EXISTS (SELECT 1 FROM timers WHERE timers.chat_key = sessions.chat_key)
                """,
                .time(cutoffs.sessionsBefore), db: db
            )
            return report
        }
    }

    /// Keeps the first record of each idempotency key; shares its transaction with other
    /// writes queued at the same time.
    public func recordSent(_ record: SentMessageRecord) async throws {
        _ = try await batcher.submit(.recordSent(record))
    }

    /// The record of one send.
    public func sentMessage(idempotencyKey: String) async throws -> SentMessageRecord? {
        try await reader.withConnection { db in
            try await db.rows(
                "SELECT idempotency_key, chat_key, message_id, event_id, sent_at FROM sent_messages WHERE idempotency_key = ?",
                [.text(idempotencyKey)]
            ).first.map(Self.sentRecord)
        }
    }

    /// A chat's sends since `since`, oldest first.
    public func sentMessages(chatKey: String, since: Date, limit: Int) async throws -> [SentMessageRecord] {
        try await writer.withConnection { db in
            try await db.rows(
                """
                SELECT idempotency_key, chat_key, message_id, event_id, sent_at FROM sent_messages
                WHERE chat_key = ? AND sent_at >= ? ORDER BY sent_at, idempotency_key LIMIT ?
                """,
                [.text(chatKey), .time(since), .integer(.init(max(limit, 0)))]
            ).map(Self.sentRecord)
        }
    }

    /// Adds to a counter, restarting it when it expired; shares its transaction (and its sync)
    /// with the writes queued at the same time.
    public func incrementCounter(_ key: String, by amount: Int, expiresAt: Date?, now: Date) async throws -> Int {
        try await change(CounterChange(key: key, operation: .add(amount, expiresAt: expiresAt, now: now)))
    }

    /// A counter's live value: 0 when missing or expired. Counters read lately are answered
    /// from memory (``SQLiteCounterCache``).
    public func counter(_ key: String, now: Date) async throws -> Int {
        if let known = counterCache.value(key, now: now) { return known }
        counterCache.beginRead(key)
        let entry: SQLiteCounterCache.Entry
        do {
            entry = try await reader.withConnection { db in
                guard let row = try await db.rows("SELECT value, expires_at FROM counters WHERE key = ?", [.text(key)]).first else {
                    return SQLiteCounterCache.Entry(value: 0, expiresAt: nil)
                }
                return SQLiteCounterCache.Entry(value: try row.int("value"), expiresAt: row.column("expires_at")?.double)
            }
        } catch {
            counterCache.endRead(key, found: nil)
            throw error
        }
        counterCache.endRead(key, found: entry)
        return entry.value(at: now)
    }

    /// Forgets a counter, in the next group commit.
    public func resetCounter(_ key: String) async throws {
        _ = try await change(CounterChange(key: key, operation: .reset))
    }

    private func change(_ change: CounterChange) async throws -> Int {
        // Whether it committed or not, the next read of the counter goes to SQLite.
        defer { counterCache.changed(change.key) }
        guard case .counted(let value) = try await batcher.submit(.counter(change)) else {
            throw BotStoreError.unavailable("the group commit answered a counter change with another write's result")
        }
        return value
    }

    /// Applies counter changes in order, one statement each; returns each counter's value after its change.
    static func count(_ changes: [CounterChange], db: SQLiteConnection) async throws -> [Int] {
        var values: [Int] = []
        values.reserveCapacity(changes.count)
        for change in changes {
            switch change.operation {
            case .reset:
                try await db.run("DELETE FROM counters WHERE key = ?", [.text(change.key)])
                values.append(0)
            case .add(let amount, let expiresAt, let now):
                let rows = try await db.rows(
                    """
                    INSERT INTO counters (key, value, expires_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT (key) DO UPDATE SET
                        value = CASE WHEN counters.expires_at IS NOT NULL AND counters.expires_at <= ?4
                            THEN excluded.value ELSE counters.value + excluded.value END,
                        expires_at = CASE WHEN counters.expires_at IS NOT NULL AND counters.expires_at <= ?4
                            THEN excluded.expires_at ELSE counters.expires_at END
                    RETURNING value
                    """,
                    [.text(change.key), .integer(amount), expiresAt.map(SQLiteData.time) ?? .null, .time(now)]
                )
                guard let value = try rows.first?.int("value") else { throw BotStoreError.unavailable("SQLite returned no counter value for \(change.key)") }
                values.append(value)
            }
        }
        return values
    }

    /// Runs one `DELETE` and returns how many rows it removed.
    static func delete(_ sql: String, _ binds: SQLiteData..., db: SQLiteConnection) async throws -> Int {
        try await db.run(sql, binds)
        return try await db.rows("SELECT changes() AS count").first?.int("count") ?? 0
    }

    static func sentRecord(_ row: SQLiteRow) throws -> SentMessageRecord {
        SentMessageRecord(
            idempotencyKey: try row.text("idempotency_key"), chatKey: try row.text("chat_key"), messageID: try row.text("message_id"),
            eventID: row.column("event_id")?.string, sentAt: try row.date("sent_at")
        )
    }
}
