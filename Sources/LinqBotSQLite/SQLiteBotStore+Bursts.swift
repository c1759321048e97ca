public import Foundation
public import LinqBot
import SQLiteNIO

extension SQLiteBotStore {
    /// The chat's pending events after `sequence`, oldest first.
    public func pendingEvents(chatKey: String, after sequence: Int64, limit: Int) async throws -> [PendingEvent] {
        try await writer.withConnection { db in
            try await db.rows(
                """
                SELECT sequence, event_id, dedup_key, chat_key, event_type, body, received_at FROM inbox
                WHERE chat_key = ? AND status = 'pending' AND sequence > ? ORDER BY sequence LIMIT ?
                """,
                [.text(chatKey), .integer(.init(sequence)), .integer(.init(max(limit, 0)))]
            ).map { PendingEvent(sequence: try $0.int64("sequence"), event: try $0.event()) }
        }
    }

    /// Stored sessions in chat-key order, after `chatKey` when given.
    public func sessions(after chatKey: String?, limit: Int) async throws -> [ChatSessionEntry] {
        try await writer.withConnection { db in
            try await db.rows(
                "SELECT chat_key, data, updated_at FROM sessions WHERE chat_key > ? ORDER BY chat_key LIMIT ?",
                [.text(chatKey ?? ""), .integer(.init(max(limit, 0)))]
            ).map { row in
                ChatSessionEntry(
                    chatKey: try row.text("chat_key"), session: StoredSession(data: row.data("data"), updatedAt: try row.date("updated_at"))
                )
            }
        }
    }
}

extension SQLiteBotStore: QuiescentStore {
    /// Whether nothing runs or is ready at `now` (for test harnesses): no live lease, no due
    /// timer, and no due chat head, pending or still marked claimed under a lease that ran
    /// out or was freed (a worker can claim it again).
    public func isQuiet(at now: Date) async throws -> Bool {
        try await writer.withConnection { db in
            let busy = try await db.rows(
                """
                SELECT 1 FROM timers WHERE due_at <= ?1
                UNION ALL SELECT 1 FROM leases WHERE worker IS NOT NULL AND expires_at > ?1
                UNION ALL SELECT 1 FROM inbox AS i
                WHERE i.status IN ('pending', 'claimed') AND (i.not_before IS NULL OR i.not_before <= ?1)
                  AND i.sequence = (SELECT MIN(h.sequence) FROM inbox AS h WHERE h.chat_key = i.chat_key AND h.status IN ('pending', 'claimed'))
                LIMIT 1
                """,
                [.time(now)]
            )
            return busy.isEmpty
        }
    }

    /// The soonest timer, retry delay or lease expiry after `now`.
    public func nextWakeup(after now: Date) async throws -> Date? {
        try await writer.withConnection { db in
            let rows = try await db.rows(
                """
                SELECT MIN(t) AS t FROM (
                    SELECT MIN(due_at) AS t FROM timers WHERE due_at > ?1
                    UNION ALL SELECT MIN(expires_at) FROM leases WHERE worker IS NOT NULL AND expires_at > ?1
                    UNION ALL SELECT MIN(not_before) FROM inbox WHERE status = 'pending' AND not_before > ?1
                )
                """,
                [.time(now)]
            )
            return rows.first.flatMap { try? $0.date("t") }
        }
    }
}
