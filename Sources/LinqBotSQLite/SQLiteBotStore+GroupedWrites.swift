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
    ///
    /// The batch is written set by set, not write by write: one statement releases every
    /// completion's lease whose fence holds, one marks their events done, one writes their
    /// sessions, one stores the sent records, one inserts the appends and one their dedup keys.
    /// Each statement is a round trip to SQLite's thread, so a batch costs about as much as a
    /// single write, however many it holds.
    static func commit(_ writes: [GroupedWrite], writer: SQLiteWriter) async throws -> [GroupedWriteResult] {
        var completions: [(index: Int, claim: ClaimedEvent, session: StoredSession?)] = []
        var records: [SentMessageRecord] = []
        var appends: [(index: Int, event: NewInboxEvent)] = []
        var results = [GroupedWriteResult](repeating: .recorded, count: writes.count)
        for (index, write) in writes.enumerated() {
            switch write {
            case .complete(let claim, let session): completions.append((index, claim, session))
            case .recordSent(let record): records.append(record)
            case .append(let event): appends.append((index, event))
            }
        }
        let (toComplete, toRecord, toAppend) = (completions.map { ($0.claim, $0.session) }, records, appends.map(\.event))
        let (completed, appended) = try await writer.transaction { db in
            let completed = try await complete(toComplete, db: db)
            try await record(toRecord, db: db)
            let appended = try await insert(toAppend, db: db)
            return (completed, appended)
        }
        for (position, completion) in completions.enumerated() {
            results[completion.index] = completed[position] ? .completed : .leaseLost(chatKey: completion.claim.event.chatKey)
        }
        for (position, append) in appends.enumerated() { results[append.index] = .appended(appended[position]) }
        return results
    }

    /// Completes claims whose fence holds; returns, per claim, whether it did. The fence check
    /// is the lease release itself: a claim whose chat and token match no held lease gets no
    /// row back, and nothing is written for it.
    private static func complete(_ completions: [(claim: ClaimedEvent, session: StoredSession?)], db: SQLiteConnection) async throws -> [Bool] {
        guard !completions.isEmpty else { return [] }
        let released = try await db.rows(
            """
            UPDATE leases SET worker = NULL, expires_at = NULL
            FROM (VALUES \(placeholders(rows: completions.count, columns: 3))) AS fence
            WHERE leases.chat_key = fence.column1 AND leases.worker = fence.column2 AND leases.token = fence.column3
            RETURNING leases.chat_key AS chat_key, leases.token AS token
            """,
            completions.flatMap { [.text($0.claim.event.chatKey), .text($0.claim.worker), .integer(.init($0.claim.fencingToken))] }
        )
        let held = Set(try released.map { FenceKey(chatKey: try $0.text("chat_key"), token: try $0.int64("token")) })
        let done = completions.map { held.contains(FenceKey(chatKey: $0.claim.event.chatKey, token: $0.claim.fencingToken)) }
        let finished = zip(completions, done).filter(\.1).map(\.0)
        guard !finished.isEmpty else { return done }
        try await db.run(
            "UPDATE inbox SET status = 'done' WHERE sequence IN (\(placeholders(rows: finished.count, columns: 1, grouped: false)))",
            finished.map { .integer(.init($0.claim.sequence)) }
        )
        CrashPoint.midTransaction.reached()
        let sessions = finished.compactMap { entry in entry.session.map { (entry.claim.event.chatKey, $0) } }
        if !sessions.isEmpty {
            try await db.run(
                """
                INSERT INTO sessions (chat_key, data, updated_at) VALUES \(placeholders(rows: sessions.count, columns: 3))
                ON CONFLICT (chat_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                """,
                sessions.flatMap { [.text($0.0), .bytes($0.1.data), .time($0.1.updatedAt)] }
            )
        }
        return done
    }

    /// Stores sent records, keeping the first of each idempotency key.
    private static func record(_ records: [SentMessageRecord], db: SQLiteConnection) async throws {
        guard !records.isEmpty else { return }
        try await db.run(
            """
            INSERT INTO sent_messages (idempotency_key, chat_key, message_id, event_id, sent_at)
            VALUES \(placeholders(rows: records.count, columns: 5)) ON CONFLICT DO NOTHING
            """,
            records.flatMap { record -> [SQLiteData] in
                [
                    .text(record.idempotencyKey), .text(record.chatKey), .text(record.messageID),
                    record.eventID.map(SQLiteData.text) ?? .null, .time(record.sentAt),
                ]
            }
        )
    }

    /// Inserts events in order: a conflict on the event id, or on a dedup key still in the inbox
    /// or in `dedup_keys` (an earlier event of the same batch included), leaves nothing behind
    /// and answers duplicate.
    static func insert(_ events: [NewInboxEvent], db: SQLiteConnection) async throws -> [InboxAppendResult] {
        guard !events.isEmpty else { return [] }
        let rows = try await db.rows(
            """
            INSERT INTO inbox (event_id, dedup_key, chat_key, event_type, body, received_at)
            VALUES \(placeholders(rows: events.count, columns: 6))
            ON CONFLICT DO NOTHING
            RETURNING sequence, event_id
            """,
            events.flatMap { event -> [SQLiteData] in
                [
                    .text(event.eventID), event.dedupKey.map(SQLiteData.text) ?? .null, .text(event.chatKey), .text(event.eventType),
                    .bytes(event.body), .float(event.receivedAt.timeIntervalSince1970),
                ]
            }
        )
        // RETURNING has no order: match by event id. A repeated id in the batch conflicted, so
        // only its first occurrence was stored.
        var stored: [String: Int64] = [:]
        for row in rows { stored[try row.text("event_id")] = try row.int64("sequence") }
        var results: [InboxAppendResult] = events.map { event in
            guard let sequence = stored.removeValue(forKey: event.eventID) else { return .duplicate }
            return .stored(sequence: sequence)
        }
        let keyed = events.indices.filter { if case .stored = results[$0] { events[$0].dedupKey != nil } else { false } }
        guard !keyed.isEmpty else { return results }
        let kept = Set(
            try await db.rows(
                "INSERT INTO dedup_keys (key, seen_at) VALUES \(placeholders(rows: keyed.count, columns: 2)) ON CONFLICT DO NOTHING RETURNING key",
                keyed.flatMap { [.text(events[$0].dedupKey ?? ""), .time(events[$0].receivedAt)] }
            ).map { try $0.text("key") }
        )
        let refused = keyed.filter { !kept.contains(events[$0].dedupKey ?? "") }
        guard !refused.isEmpty else { return results }
        // The key outlived its inbox row (dedup_keys keeps keys longer): a late duplicate.
        try await db.run(
            "DELETE FROM inbox WHERE sequence IN (\(placeholders(rows: refused.count, columns: 1, grouped: false)))",
            refused.compactMap { index in if case .stored(let sequence) = results[index] { .integer(.init(sequence)) } else { nil } }
        )
        for index in refused { results[index] = .duplicate }
        return results
    }

    /// `(?, ?), (?, ?)` for `rows` rows of `columns` values, or `?, ?` when not `grouped`.
    static func placeholders(rows: Int, columns: Int, grouped: Bool = true) -> String {
        let row = Array(repeating: "?", count: columns).joined(separator: ", ")
        return Array(repeating: grouped ? "(\(row))" : row, count: rows).joined(separator: ", ")
    }

    /// A claim's lease, as the fenced release reports it back.
    private struct FenceKey: Hashable {
        var chatKey: String
        var token: Int64
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
}
