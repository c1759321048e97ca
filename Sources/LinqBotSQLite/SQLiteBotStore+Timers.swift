public import Foundation
public import LinqBot
import LinqModels
import SQLiteNIO

extension SQLiteBotStore {
    /// Stores a timer, replacing the chat's timer of the same name.
    public func scheduleTimer(_ timer: ScheduledTimer) async throws {
        let payload: SQLiteData = try timer.payload.map { .bytes(try JSONEncoder().encode($0)) } ?? .null
        try await writer.transaction { db in
            try await db.run(
                """
                INSERT INTO timers (chat_key, name, due_at, payload) VALUES (?, ?, ?, ?)
                ON CONFLICT (chat_key, name) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload
                """,
                [.text(timer.chatKey), .text(timer.name), .time(timer.dueAt), payload]
            )
        }
    }

    /// Cancels one timer.
    @discardableResult
    public func cancelTimer(chatKey: String, name: String) async throws -> Bool {
        try await writer.transaction { db in
            try await Self.delete("DELETE FROM timers WHERE chat_key = ? AND name = ?", .text(chatKey), .text(name), db: db) > 0
        }
    }

    /// Cancels a chat's timers.
    @discardableResult
    public func cancelTimers(chatKey: String) async throws -> Int {
        try await writer.transaction { db in
            try await Self.delete("DELETE FROM timers WHERE chat_key = ?", .text(chatKey), db: db)
        }
    }

    /// A chat's timers, soonest first.
    public func timers(chatKey: String) async throws -> [ScheduledTimer] {
        try await writer.withConnection { db in
            try await db.rows(
                "SELECT chat_key, name, due_at, payload FROM timers WHERE chat_key = ? ORDER BY due_at, name", [.text(chatKey)]
            ).map(Self.timer)
        }
    }

    /// Moves due timers into the inbox and deletes them, in one transaction, soonest first.
    ///
    /// When none is due, one indexed read answers without a write transaction (the scheduler
    /// asks on every tick).
    public func fireDueTimers(now: Date, limit: Int) async throws -> Int {
        guard limit > 0 else { return 0 }
        let fired = try await writer.transaction(after: { db in
            try await db.rows("SELECT 1 FROM timers WHERE due_at <= ? LIMIT 1", [.time(now)]).first.map { _ in true }
        }) { db, _ in
            // Taken and deleted in one statement; RETURNING has no order, so sort here.
            let taken = try await db.rows(
                """
                DELETE FROM timers WHERE rowid IN (
                  SELECT rowid FROM timers WHERE due_at <= ? ORDER BY due_at, chat_key, name LIMIT ?
                )
                RETURNING chat_key, name, due_at, payload
                """,
                [.time(now), .integer(.init(limit))]
            ).map(Self.timer).sorted { ($0.dueAt, $0.chatKey, $0.name) < ($1.dueAt, $1.chatKey, $1.name) }
            for timer in taken {
                let event = timer.inboxEvent(firedAt: now)
                try await db.run(
                    """
                    INSERT INTO inbox (event_id, chat_key, event_type, body, received_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                    [.text(event.eventID), .text(event.chatKey), .text(event.eventType), .bytes(event.body), .time(event.receivedAt)]
                )
            }
            return taken.count
        }
        return fired ?? 0
    }

    /// The soonest due time.
    public func nextTimerDue() async throws -> Date? {
        try await writer.withConnection { db in
            try await db.rows("SELECT MIN(due_at) AS due FROM timers").first?.column("due")?.double.map(Date.init(timeIntervalSince1970:))
        }
    }

    private static func timer(_ row: SQLiteRow) throws -> ScheduledTimer {
        let payload = row.data("payload")
        return ScheduledTimer(
            chatKey: try row.text("chat_key"), name: try row.text("name"), dueAt: try row.date("due_at"),
            payload: payload.isEmpty ? nil : try JSONDecoder().decode(JSONValue.self, from: payload)
        )
    }
}
