public import Foundation
public import LinqBot
import PostgresNIO

extension PostgresBotStore {
    /// Chats whose inbox payloads, dead letters, sessions or timer payloads hold the handle as
    /// a JSON string (a byte search with `position` on the `bytea` columns, a text search on
    /// the timers' `jsonb`).
    public func chatKeys(mentioning handle: String) async throws -> [String] {
        let needle = Data.jsonString(handle)
        let text = String(decoding: needle, as: UTF8.self)
        return try await rows(
            """
            SELECT chat_key FROM linqbot_inbox WHERE position(\(needle) IN body) > 0
            UNION SELECT chat_key FROM linqbot_dead_letters WHERE position(\(needle) IN body) > 0
            UNION SELECT chat_key FROM linqbot_sessions WHERE position(\(needle) IN data) > 0
            UNION SELECT chat_key FROM linqbot_timers WHERE strpos(payload::text, \(text)) > 0
            ORDER BY chat_key
            """,
            as: String.self
        )
    }

    /// What the store keeps about one chat.
    public func chatRecords(chatKey: String) async throws -> ChatRecords {
        let events = try await rows(
            """
            SELECT sequence, event_id, dedup_key, event_type, body, received_at, status, attempts
            FROM linqbot_inbox WHERE chat_key = \(chatKey) ORDER BY sequence
            """,
            as: (Int64, String, String?, String, Data, Date, String, Int).self
        ).map { row in
            InboxRecord(
                sequence: row.0,
                event: NewInboxEvent(eventID: row.1, dedupKey: row.2, chatKey: chatKey, eventType: row.3, body: row.4, receivedAt: row.5),
                status: row.6, attempts: row.7
            )
        }
        let sent = try await sentRecords(
            """
            SELECT idempotency_key, chat_key, message_id, event_id, sent_at FROM linqbot_sent_messages
            WHERE chat_key = \(chatKey) ORDER BY sent_at, idempotency_key
            """
        )
        let dead = try await rows(
            """
            SELECT id, inbox_sequence, event_id, dedup_key, chat_key, event_type, body, received_at, attempts, error, failed_at
            FROM linqbot_dead_letters WHERE chat_key = \(chatKey) ORDER BY id
            """,
            as: DeadLetterRow.self
        ).map(Self.deadLetter)
        return ChatRecords(
            chatKey: chatKey, session: try await session(chatKey: chatKey), events: events, sentMessages: sent,
            timers: try await timers(chatKey: chatKey), deadLetters: dead
        )
    }

    /// Deletes what the store keeps about one chat, in one statement (a free lease row too), and
    /// fences out a worker holding it: its lease is freed with a new token, so its commit is refused.
    public func eraseChat(chatKey: String) async throws -> ChatErasure {
        let counts = try await rows(
            """
            WITH sessions AS (
                DELETE FROM linqbot_sessions WHERE chat_key = \(chatKey) RETURNING 1
            ), inbox AS (
                DELETE FROM linqbot_inbox WHERE chat_key = \(chatKey) RETURNING 1
            ), sent AS (
                DELETE FROM linqbot_sent_messages WHERE chat_key = \(chatKey) RETURNING 1
            ), timers AS (
                DELETE FROM linqbot_timers WHERE chat_key = \(chatKey) RETURNING 1
            ), dead AS (
                DELETE FROM linqbot_dead_letters WHERE chat_key = \(chatKey) RETURNING 1
            ), fence AS (
                UPDATE linqbot_leases SET worker = NULL, expires_at = NULL, token = nextval('linqbot_fencing_tokens')
                WHERE chat_key = \(chatKey) AND worker IS NOT NULL RETURNING 1
            ), free AS (
                DELETE FROM linqbot_leases WHERE chat_key = \(chatKey) AND worker IS NULL RETURNING 1
            )
            SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM inbox), (SELECT count(*) FROM sent),
                (SELECT count(*) FROM timers), (SELECT count(*) FROM dead), (SELECT count(*) FROM fence)
            """,
            as: (Int, Int, Int, Int, Int, Int).self
        )
        guard let row = counts.first else { return ChatErasure() }
        return ChatErasure(sessions: row.0, inboxRows: row.1, sentMessages: row.2, timers: row.3, deadLetters: row.4)
    }
}

extension PostgresBotStore {
    /// Chats with unfinished events, the longest waiting first.
    public func backlog(limit: Int) async throws -> [ChatBacklog] {
        try await rows(
            """
            SELECT chat_key, count(*), bool_or(status = 'claimed'), min(received_at) AS oldest
            FROM linqbot_inbox WHERE status IN ('pending', 'claimed') GROUP BY chat_key ORDER BY oldest, chat_key LIMIT \(max(limit, 0))
            """,
            as: (String, Int, Bool, Date).self
        ).map { ChatBacklog(chatKey: $0.0, events: $0.1, inProgress: $0.2, oldestReceivedAt: $0.3) }
    }

    /// Live counters with the prefix, in key (byte) order.
    public func counters(prefix: String, after: String?, limit: Int, now: Date) async throws -> [CounterEntry] {
        try await rows(
            """
            SELECT key, value FROM linqbot_counters
            WHERE starts_with(key, \(prefix)) AND key > \(after ?? "") AND (expires_at IS NULL OR expires_at > \(now))
            ORDER BY key LIMIT \(max(limit, 0))
            """,
            as: (String, Int).self
        ).map { CounterEntry(key: $0.0, value: $0.1) }
    }
}
