public import Foundation
public import LinqBot
import Logging
import PostgresNIO

extension PostgresBotStore {
    /// Deletes what is past its cutoff, in one statement, and reports what went. Counters
    /// without an expiry (opt-outs, for instance) are never deleted.
    public func prune(_ cutoffs: PruneCutoffs) async throws -> PruneReport {
        let counts = try await rows(
            """
            WITH inbox AS (
                DELETE FROM linqbot_inbox WHERE status IN ('done', 'dead') AND received_at < \(cutoffs.inboxBefore) RETURNING 1
            ), keys AS (
                DELETE FROM linqbot_dedup_keys WHERE seen_at < \(cutoffs.dedupKeysBefore) RETURNING 1
            ), sent AS (
                DELETE FROM linqbot_sent_messages WHERE sent_at < \(cutoffs.sentBefore) RETURNING 1
            ), counters AS (
                DELETE FROM linqbot_counters WHERE expires_at IS NOT NULL AND expires_at <= \(cutoffs.now) RETURNING 1
            ), paces AS (
                DELETE FROM linqbot_pair_paces WHERE arrival <= \(cutoffs.now.timeIntervalSince1970) AND blocked_until <= \(cutoffs.now.timeIntervalSince1970)
                RETURNING 1
            ), sessions AS (
                DELETE FROM linqbot_sessions AS s WHERE s.updated_at < \(cutoffs.sessionsBefore)
                    AND NOT EXISTS (SELECT 1 FROM linqbot_inbox AS i WHERE i.chat_key = s.chat_key AND i.status IN ('pending', 'claimed'))
                    AND NOT EXISTS (SELECT 1 FROM linqbot_timers AS t WHERE t.chat_key = s.chat_key)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM inbox), (SELECT count(*) FROM keys), (SELECT count(*) FROM sent), (SELECT count(*) FROM counters) + (SELECT count(*) FROM paces),
                (SELECT count(*) FROM sessions)
            """,
            as: (Int, Int, Int, Int, Int).self
        )
        guard let (inbox, keys, sent, counters, sessions) = counts.first else { return PruneReport() }
        return PruneReport(inboxRows: inbox, dedupKeys: keys, sentMessages: sent, counters: counters, sessions: sessions)
    }

    /// Keeps the first record of each idempotency key. Records that arrive while others commit
    /// share the next statement (group commit), so a busy bot does not pay a commit per reply.
    public func recordSent(_ record: SentMessageRecord) async throws {
        _ = try await sends.submit(record)
    }

    /// Inserts a batch of send records in one statement; the first of a repeated key wins.
    static func insert(_ records: [SentMessageRecord], on client: PostgresClient, within limit: Duration, logger: Logger) async throws -> [Void] {
        guard !records.isEmpty else { return [] }
        _ = try await run(RecordSentStatement(records: records), on: client, within: limit, logger: logger)
        return records.map { _ in () }
    }

    /// The record of one send.
    public func sentMessage(idempotencyKey: String) async throws -> SentMessageRecord? {
        try await sentRecords(
            """
            SELECT idempotency_key, chat_key, message_id, event_id, sent_at FROM linqbot_sent_messages
            WHERE idempotency_key = \(idempotencyKey)
            """
        ).first
    }

    /// A chat's sends since `since`, oldest first.
    public func sentMessages(chatKey: String, since: Date, limit: Int) async throws -> [SentMessageRecord] {
        try await sentRecords(
            """
            SELECT idempotency_key, chat_key, message_id, event_id, sent_at FROM linqbot_sent_messages
            WHERE chat_key = \(chatKey) AND sent_at >= \(since) ORDER BY sent_at, idempotency_key LIMIT \(max(limit, 0))
            """
        )
    }

    /// Adds to a counter in one atomic statement, restarting it when it expired at `now`.
    public func incrementCounter(_ key: String, by amount: Int, expiresAt: Date?, now: Date) async throws -> Int {
        let values = try await rows(
            """
            INSERT INTO linqbot_counters AS c (key, value, expires_at) VALUES (\(key), \(amount), \(expiresAt)::timestamptz)
            ON CONFLICT (key) DO UPDATE SET
                value = CASE WHEN c.expires_at IS NOT NULL AND c.expires_at <= \(now) THEN excluded.value ELSE c.value + excluded.value END,
                expires_at = CASE WHEN c.expires_at IS NOT NULL AND c.expires_at <= \(now) THEN excluded.expires_at ELSE c.expires_at END
            RETURNING value
            """,
            as: Int.self
        )
        guard let value = values.first else { throw BotStoreError.unavailable("PostgreSQL returned no value for the counter \(key)") }
        return value
    }

    /// A counter's live value: 0 when missing or expired.
    public func counter(_ key: String, now: Date) async throws -> Int {
        try await rows(
            "SELECT value FROM linqbot_counters WHERE key = \(key) AND (expires_at IS NULL OR expires_at > \(now))", as: Int.self
        ).first ?? 0
    }

    /// Forgets a counter.
    public func resetCounter(_ key: String) async throws {
        try await execute("DELETE FROM linqbot_counters WHERE key = \(key)")
    }

    func sentRecords(_ query: PostgresQuery) async throws -> [SentMessageRecord] {
        try await rows(query, as: (String, String, String, String?, Date).self).map { row in
            SentMessageRecord(idempotencyKey: row.0, chatKey: row.1, messageID: row.2, eventID: row.3, sentAt: row.4)
        }
    }
}
