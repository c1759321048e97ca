public import Foundation
public import LinqBot
import LinqModels
import PostgresNIO

extension PostgresBotStore {
    /// Stores a timer, replacing the chat's timer of the same name.
    public func scheduleTimer(_ timer: ScheduledTimer) async throws {
        let payload = try timer.payload.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await execute(
            """
            INSERT INTO linqbot_timers (chat_key, name, due_at, payload) VALUES (\(timer.chatKey), \(timer.name), \(timer.dueAt), \(payload)::jsonb)
            ON CONFLICT (chat_key, name) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload
            """
        )
    }

    /// Cancels one timer.
    @discardableResult
    public func cancelTimer(chatKey: String, name: String) async throws -> Bool {
        try await rows("DELETE FROM linqbot_timers WHERE chat_key = \(chatKey) AND name = \(name) RETURNING 1", as: Int32.self).count > 0
    }

    /// Cancels a chat's timers.
    @discardableResult
    public func cancelTimers(chatKey: String) async throws -> Int {
        try await rows("DELETE FROM linqbot_timers WHERE chat_key = \(chatKey) RETURNING 1", as: Int32.self).count
    }

    /// A chat's timers, soonest first.
    public func timers(chatKey: String) async throws -> [ScheduledTimer] {
        try await rows(
            "SELECT chat_key, name, due_at, payload::text FROM linqbot_timers WHERE chat_key = \(chatKey) ORDER BY due_at, name",
            as: (String, String, Date, String?).self
        ).map(Self.timer)
    }

    /// Moves up to `limit` due timers into the inbox and deletes them, in one transaction,
    /// soonest first.
    ///
    /// The timers are taken with `FOR UPDATE SKIP LOCKED`: instances firing at the same moment
    /// share the due timers out, and a timer rescheduled or cancelled meanwhile is left alone.
    /// Its inbox event has an id made of the chat, the name and the due time, so even a timer
    /// fired again (after a restore, say) is stored once. When none is due, one indexed read
    /// answers without a transaction (the scheduler asks on every tick).
    public func fireDueTimers(now: Date, limit: Int) async throws -> Int {
        guard limit > 0 else { return 0 }
        let due = try await rows("SELECT 1 FROM linqbot_timers WHERE due_at <= \(now) LIMIT 1", as: Int32.self)
        guard !due.isEmpty else { return 0 }
        return try await transaction { [logger] connection in
            let taken = try await Self.decode(
                connection.query(
                    """
                    WITH due AS (
                        SELECT chat_key, name FROM linqbot_timers WHERE due_at <= \(now)
                        ORDER BY due_at, chat_key, name LIMIT \(limit)
                        FOR UPDATE SKIP LOCKED
                    )
                    DELETE FROM linqbot_timers AS t USING due WHERE t.chat_key = due.chat_key AND t.name = due.name
                    RETURNING t.chat_key, t.name, t.due_at, t.payload::text
                    """,
                    logger: logger
                ),
                as: (String, String, Date, String?).self
            )
            let timers = try taken.map(Self.timer).sorted { ($0.dueAt, $0.chatKey, $0.name) < ($1.dueAt, $1.chatKey, $1.name) }
            _ = try await Self.insert(timers.map { $0.inboxEvent(firedAt: now) }, on: connection, logger: logger)
            return timers.count
        }
    }

    /// The soonest due time.
    public func nextTimerDue() async throws -> Date? {
        try await rows("SELECT min(due_at) FROM linqbot_timers", as: Date?.self).first ?? nil
    }

    static func timer(_ row: (String, String, Date, String?)) throws -> ScheduledTimer {
        ScheduledTimer(
            chatKey: row.0, name: row.1, dueAt: row.2, payload: try row.3.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        )
    }
}
