import Foundation
import LinqBot
import SQLiteNIO

/// A write that shares its transaction, and its sync, with the writes that queued beside it.
enum GroupedWrite: Sendable {
    /// An inbox append.
    case append(NewInboxEvent)
    /// A fenced completion: the event done, the session written (when given), the lease released.
    case complete(ClaimedEvent, session: StoredSession?)
    /// A record of a message Linq accepted.
    case recordSent(SentMessageRecord)
}

/// What one grouped write did. A refused fence is a result, not an error: it wrote nothing,
/// so the other writes of its batch still commit.
enum GroupedWriteResult: Sendable, Hashable {
    case appended(InboxAppendResult)
    case completed
    case leaseLost(chatKey: String)
    case recorded
}

extension SQLiteBotStore {
    /// Commits a batch of writes in one `BEGIN IMMEDIATE` transaction. A write either refuses
    /// before changing anything (a duplicate append, a lost fence) or applies in full; any
    /// SQLite error rolls the whole batch back and fails every write in it.
    static func commit(_ writes: [GroupedWrite], writer: SQLiteWriter) async throws -> [GroupedWriteResult] {
        try await writer.transaction { db in
            var results: [GroupedWriteResult] = []
            results.reserveCapacity(writes.count)
            for write in writes { results.append(try await apply(write, db: db)) }
            return results
        }
    }

    private static func apply(_ write: GroupedWrite, db: SQLiteConnection) async throws -> GroupedWriteResult {
        switch write {
        case .append(let event):
            return .appended(try await insert(event, db: db))
        case .complete(let claim, let session):
            // The fence check is the lease release itself: no row back means another worker
            // holds the chat, and nothing was written.
            guard try await releaseFenced(claim, db: db) else { return .leaseLost(chatKey: claim.event.chatKey) }
            try await db.run("UPDATE inbox SET status = 'done' WHERE sequence = ?", [.integer(.init(claim.sequence))])
            CrashPoint.midTransaction.reached()
            if let session {
                try await db.run(
                    """
                    INSERT INTO sessions (chat_key, data, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (chat_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                    """,
                    [.text(claim.event.chatKey), .bytes(session.data), .time(session.updatedAt)]
                )
            }
            return .completed
        case .recordSent(let record):
            try await db.run(
                """
                INSERT INTO sent_messages (idempotency_key, chat_key, message_id, event_id, sent_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """,
                [
                    .text(record.idempotencyKey), .text(record.chatKey), .text(record.messageID),
                    record.eventID.map(SQLiteData.text) ?? .null, .time(record.sentAt),
                ]
            )
            return .recorded
        }
    }

    /// Frees the chat when this claim still holds its lease, keeping the token so the next
    /// claim's token is larger; returns whether it did (the fence held).
    static func releaseFenced(_ claim: ClaimedEvent, db: SQLiteConnection) async throws -> Bool {
        let rows = try await db.rows(
            "UPDATE leases SET worker = NULL, expires_at = NULL WHERE chat_key = ? AND worker = ? AND token = ? RETURNING token",
            [.text(claim.event.chatKey), .text(claim.worker), .integer(.init(claim.fencingToken))]
        )
        return !rows.isEmpty
    }

    /// One insert of a group commit: a conflict on the event id, or on a dedup key still in the
    /// inbox or in `dedup_keys`, leaves nothing behind and answers duplicate.
    static func insert(_ event: NewInboxEvent, db: SQLiteConnection) async throws -> InboxAppendResult {
        let rows = try await db.rows(
            """
            INSERT INTO inbox (event_id, dedup_key, chat_key, event_type, body, received_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            RETURNING sequence
            """,
            [
                .text(event.eventID), event.dedupKey.map(SQLiteData.text) ?? .null, .text(event.chatKey), .text(event.eventType),
                .bytes(event.body), .float(event.receivedAt.timeIntervalSince1970),
            ]
        )
        guard let row = rows.first else { return .duplicate }
        let sequence = try row.int64("sequence")
        if let key = event.dedupKey {
            let kept = try await db.rows(
                "INSERT INTO dedup_keys (key, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING key",
                [.text(key), .time(event.receivedAt)]
            )
            guard !kept.isEmpty else {
                try await db.run("DELETE FROM inbox WHERE sequence = ?", [.integer(.init(sequence))])
                return .duplicate
            }
        }
        return .stored(sequence: sequence)
    }
}
