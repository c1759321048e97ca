import Foundation
public import LinqBot
import PostgresNIO

extension PostgresBotStore {
    typealias DeadLetterRow = (Int64, Int64, String, String?, String, String, Data, Date, Int, String, Date)

    /// Dead letters newest first, below `before` when given.
    public func deadLetters(before: Int64?, limit: Int) async throws -> [DeadLetter] {
        try await rows(
            """
            SELECT id, inbox_sequence, event_id, dedup_key, chat_key, event_type, body, received_at, attempts, error, failed_at
            FROM linqbot_dead_letters WHERE id < \(before ?? .max) ORDER BY id DESC LIMIT \(max(limit, 0))
            """,
            as: DeadLetterRow.self
        ).map(Self.deadLetter)
    }

    /// In one transaction: the inbox row goes back to pending (or is stored again at its
    /// original sequence when it was pruned), the dead letter is deleted and every instance
    /// listening hears of the work.
    public func replayDeadLetter(id: Int64) async throws -> DeadLetterReplay {
        try await transaction { [logger] connection in
            let found = try await Self.decode(
                connection.query(
                    """
                    SELECT id, inbox_sequence, event_id, dedup_key, chat_key, event_type, body, received_at, attempts, error, failed_at
                    FROM linqbot_dead_letters WHERE id = \(id) FOR UPDATE
                    """,
                    logger: logger
                ),
                as: DeadLetterRow.self
            )
            guard let row = found.first else { return .notFound }
            let letter = Self.deadLetter(row)
            let event = letter.event
            let status = try await Self.decode(
                connection.query("SELECT status FROM linqbot_inbox WHERE sequence = \(letter.sequence) FOR UPDATE", logger: logger), as: String.self
            )
            if let status = status.first {
                guard status == "dead" else { return .conflict }
                _ = try await connection.query(
                    """
                    WITH replayed AS (
                        UPDATE linqbot_inbox SET status = 'pending', attempts = 0, not_before = NULL, error = NULL
                        WHERE sequence = \(letter.sequence) RETURNING 1
                    )
                    SELECT pg_notify('linqbot_work', current_schema() || ' 1') FROM replayed
                    """,
                    logger: logger
                ).collect()
            } else {
                let stored = try await connection.query(
                    """
                    INSERT INTO linqbot_inbox (sequence, event_id, dedup_key, chat_key, event_type, body, received_at)
                    OVERRIDING SYSTEM VALUE
                    VALUES (\(letter.sequence), \(event.eventID), \(event.dedupKey), \(event.chatKey), \(event.eventType), \(event.body), \(event.receivedAt))
                    ON CONFLICT DO NOTHING RETURNING sequence
                    """,
                    logger: logger
                ).collect()
                guard !stored.isEmpty else { return .conflict }
                _ = try await connection.query(
                    "INSERT INTO linqbot_leases (chat_key) VALUES (\(event.chatKey)) ON CONFLICT DO NOTHING", logger: logger
                ).collect()
            }
            _ = try await connection.query("DELETE FROM linqbot_dead_letters WHERE id = \(id)", logger: logger).collect()
            return .replayed(sequence: letter.sequence, chatKey: event.chatKey)
        }
    }

    /// Forgets one dead letter.
    @discardableResult
    public func discardDeadLetter(id: Int64) async throws -> Bool {
        !(try await rows("DELETE FROM linqbot_dead_letters WHERE id = \(id) RETURNING 1", as: Int32.self)).isEmpty
    }

    static func deadLetter(_ row: DeadLetterRow) -> DeadLetter {
        let event = NewInboxEvent(eventID: row.2, dedupKey: row.3, chatKey: row.4, eventType: row.5, body: row.6, receivedAt: row.7)
        return DeadLetter(id: row.0, sequence: row.1, event: event, attempts: row.8, error: row.9, failedAt: row.10)
    }
}
