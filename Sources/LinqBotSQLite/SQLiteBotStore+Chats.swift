public import Foundation
public import LinqBot
import SQLiteNIO

extension SQLiteBotStore {
    /// Chats whose inbox payloads, dead letters, sessions or timer payloads hold the handle as
    /// a JSON string (a byte search: `instr` on the blobs).
    public func chatKeys(mentioning handle: String) async throws -> [String] {
        let needle = SQLiteData.bytes(Data.jsonString(handle))
        return try await writer.withConnection { db in
            try await db.rows(
                """
                SELECT chat_key FROM inbox WHERE instr(body, ?1) > 0
                UNION SELECT chat_key FROM dead_letters WHERE instr(body, ?1) > 0
                UNION SELECT chat_key FROM sessions WHERE instr(data, ?1) > 0
                UNION SELECT chat_key FROM timers WHERE instr(payload, ?1) > 0
                ORDER BY chat_key
                """,
                [needle]
            ).map { try $0.text("chat_key") }
        }
    }

    /// What the store keeps about one chat.
    public func chatRecords(chatKey: String) async throws -> ChatRecords {
        let chat = SQLiteData.text(chatKey)
        let (events, sent, dead) = try await writer.withConnection { db in
            let events = try await db.rows(
                """
                SELECT sequence, event_id, dedup_key, chat_key, event_type, body, received_at, status, attempts
                FROM inbox WHERE chat_key = ? ORDER BY sequence
                """,
                [chat]
            ).map { row in
                InboxRecord(sequence: try row.int64("sequence"), event: try row.event(), status: try row.text("status"), attempts: try row.int("attempts"))
            }
            let sent = try await db.rows(
                "SELECT idempotency_key, chat_key, message_id, event_id, sent_at FROM sent_messages WHERE chat_key = ? ORDER BY sent_at, idempotency_key",
                [chat]
            ).map(Self.sentRecord)
            let dead = try await db.rows("SELECT \(Self.deadLetterColumns) FROM dead_letters WHERE chat_key = ? ORDER BY id", [chat])
                .map(Self.deadLetter)
            return (events, sent, dead)
        }
        return ChatRecords(
            chatKey: chatKey, session: try await session(chatKey: chatKey), events: events, sentMessages: sent,
            timers: try await timers(chatKey: chatKey), deadLetters: dead
        )
    }

    /// Deletes what the store keeps about one chat, in one transaction (a free lease row too),
    /// and fences out a worker holding it: its lease is freed with a new token, so its commit is
    /// refused.
    public func eraseChat(chatKey: String) async throws -> ChatErasure {
        let chat = SQLiteData.text(chatKey)
        return try await writer.transaction { db in
            var erasure = ChatErasure()
            erasure.sessions = try await Self.delete("DELETE FROM sessions WHERE chat_key = ?", chat, db: db)
            erasure.inboxRows = try await Self.delete("DELETE FROM inbox WHERE chat_key = ?", chat, db: db)
            erasure.sentMessages = try await Self.delete("DELETE FROM sent_messages WHERE chat_key = ?", chat, db: db)
            erasure.timers = try await Self.delete("DELETE FROM timers WHERE chat_key = ?", chat, db: db)
            erasure.deadLetters = try await Self.delete("DELETE FROM dead_letters WHERE chat_key = ?", chat, db: db)
            // A free lease row goes (its key may be a handle's queue); a held one is fenced with
            // a new token, so the holder's commit is refused and tokens never go back.
            try await db.run("DELETE FROM leases WHERE chat_key = ? AND worker IS NULL", [chat])
            try await db.run(
                "UPDATE leases SET worker = NULL, expires_at = NULL, token = token + 1 WHERE chat_key = ? AND worker IS NOT NULL", [chat]
            )
            return erasure
        }
    }
}

extension SQLiteBotStore {
    /// Chats with unfinished events, the longest waiting first.
    public func backlog(limit: Int) async throws -> [ChatBacklog] {
        try await writer.withConnection { db in
            try await db.rows(
                """
                SELECT chat_key, COUNT(*) AS events, MAX(status = 'claimed') AS claimed, MIN(received_at) AS oldest
                FROM inbox WHERE status IN ('pending', 'claimed') GROUP BY chat_key ORDER BY oldest, chat_key LIMIT ?
                """,
                [.integer(.init(max(limit, 0)))]
            ).map { row in
                ChatBacklog(
                    chatKey: try row.text("chat_key"), events: try row.int("events"), inProgress: try row.int("claimed") == 1,
                    oldestReceivedAt: try row.date("oldest")
                )
            }
        }
    }

    /// Live counters with the prefix, in key (byte) order.
    public func counters(prefix: String, after: String?, limit: Int, now: Date) async throws -> [CounterEntry] {
        try await reader.withConnection { db in
            try await db.rows(
                """
                SELECT key, value FROM counters
                WHERE substr(key, 1, length(?1)) = ?1 AND key > ?2 AND (expires_at IS NULL OR expires_at > ?3) ORDER BY key LIMIT ?4
                """,
                [.text(prefix), .text(after ?? ""), .time(now), .integer(.init(max(limit, 0)))]
            ).map { CounterEntry(key: try $0.text("key"), value: try $0.int("value")) }
        }
    }
}
