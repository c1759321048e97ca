import Foundation
public import LinqBot
import SQLiteNIO

extension SQLiteBotStore {
    static let deadLetterColumns =
        "id, inbox_sequence, event_id, dedup_key, chat_key, event_type, body, received_at, attempts, error, failed_at"

    /// Dead letters newest first, below `before` when given.
    public func deadLetters(before: Int64?, limit: Int) async throws -> [DeadLetter] {
        try await writer.withConnection { db in
            try await db.rows(
                "SELECT \(Self.deadLetterColumns) FROM dead_letters WHERE id < ? ORDER BY id DESC LIMIT ?",
                [.integer(.init(before ?? .max)), .integer(.init(max(limit, 0)))]
            ).map(Self.deadLetter)
        }
    }

    /// In one transaction: the inbox row goes back to pending (or is stored again at its
    /// original sequence when it was pruned) and the dead letter is deleted.
    public func replayDeadLetter(id: Int64) async throws -> DeadLetterReplay {
        try await writer.transaction { db in
            guard let row = try await db.rows("SELECT \(Self.deadLetterColumns) FROM dead_letters WHERE id = ?", [.integer(.init(id))]).first
            else { return .notFound }
            let letter = try Self.deadLetter(row)
            let sequence = SQLiteData.integer(.init(letter.sequence))
            let inbox = try await db.rows("SELECT status FROM inbox WHERE sequence = ?", [sequence]).first
            if let inbox {
                guard try inbox.text("status") == "dead" else { return .conflict }
                try await db.run(
                    "UPDATE inbox SET status = 'pending', attempts = 0, not_before = NULL, error = NULL WHERE sequence = ?", [sequence]
                )
            } else {
                let event = letter.event
                let stored = try await db.rows(
                    """
                    INSERT INTO inbox (sequence, event_id, dedup_key, chat_key, event_type, body, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING sequence
                    """,
                    [
                        sequence, .text(event.eventID), event.dedupKey.map(SQLiteData.text) ?? .null, .text(event.chatKey),
                        .text(event.eventType), .bytes(event.body), .time(event.receivedAt),
                    ]
                )
                guard !stored.isEmpty else { return .conflict }
            }
            try await db.run("DELETE FROM dead_letters WHERE id = ?", [.integer(.init(id))])
            return .replayed(sequence: letter.sequence, chatKey: letter.event.chatKey)
        }
    }

    /// Forgets one dead letter.
    @discardableResult
    public func discardDeadLetter(id: Int64) async throws -> Bool {
        try await writer.transaction { db in
            try await Self.delete("DELETE FROM dead_letters WHERE id = ?", .integer(.init(id)), db: db) > 0
        }
    }

    static func deadLetter(_ row: SQLiteRow) throws -> DeadLetter {
        DeadLetter(
            id: try row.int64("id"), sequence: try row.int64("inbox_sequence"), event: try row.event(), attempts: try row.int("attempts"),
            error: row.column("error")?.string ?? "", failedAt: try row.date("failed_at")
        )
    }
}
