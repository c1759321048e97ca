import Foundation
import LinqBot
import SQLiteNIO

/// A write that shares its transaction, and its sync, with the writes that queued beside it.
enum GroupedWrite: Sendable {
    /// An inbox append.
    case append(NewInboxEvent)
    /// A fenced completion: the event done, with the chat's pending events `absorbing` (a
    /// coalesced burst), the session written (when given), the lease released.
    case complete(ClaimedEvent, session: StoredSession?, absorbing: [Int64])
    /// A completion as above, then, when its fence held, a claim for the same worker in the
    /// same transaction: a busy worker's next event without a commit of its own.
    case completeAndClaim(ClaimedEvent, session: StoredSession?, absorbing: [Int64], next: SQLiteBotStore.ClaimRequest)
    /// A record of a message Linq accepted.
    case recordSent(SentMessageRecord)
    /// A claim for `worker` (skipping no chat), its lease running to `expiresAt`.
    case claim(worker: String, now: Date, expiresAt: Date)
    /// A counter change: `amount` added (restarting an expired counter), or the counter deleted.
    case counter(CounterChange)
    /// The pace ledger's write: pairs' paces stored, or a handle's deleted.
    case pace(SQLitePaceLedger.Write)
}

/// A change to one counter, applied in the order the changes were submitted.
struct CounterChange: Sendable {
    enum Operation: Sendable {
        case add(Int, expiresAt: Date?, now: Date)
        case reset
    }

    var key: String
    var operation: Operation
}

/// What one grouped write did. A refused fence is a result, not an error: it wrote nothing,
/// so the other writes of its batch still commit.
enum GroupedWriteResult: Sendable, Hashable {
    case appended(InboxAppendResult)
    case completed
    case leaseLost(chatKey: String)
    case recorded
    case claimed(ClaimedEvent?)
    /// A completion whose fence held, and the claim that followed it.
    case completedAndClaimed(ClaimedEvent?)
    /// A counter's value after the change (0 after a reset).
    case counted(Int)
}

extension SQLiteBotStore {
    /// Commits a batch of writes in one `BEGIN IMMEDIATE` transaction. A write either refuses
    /// before changing anything (a duplicate append, a lost fence) or applies in full; any
    /// SQLite error rolls the whole batch back and fails every write in it.
    ///
    /// The batch is written set by set, not write by write: one statement releases every
    /// completion's lease whose fence holds, one marks their events done, one writes their
    /// sessions, one stores the sent records, one inserts the appends and one their dedup keys;
    /// then the counter changes and the pace ledger's writes, one statement each in the order they came; then three claim for
    /// every waiting worker and every completion that asked for its worker's next event and
    /// whose fence held (search, status change, leases with sessions).
    /// Each statement is a round trip to SQLite's thread, so a batch costs about as much as a
    /// single write, however many it holds. A batch of claims alone first searches with a plain
    /// read and takes no write transaction when nothing is claimable.
    static func commit(_ writes: [GroupedWrite], writer: SQLiteWriter) async throws -> [GroupedWriteResult] {
        var completions: [(index: Int, completion: Completion)] = []
        /// Per completion, the claim that follows it, if asked for.
        var followers: [ClaimRequest?] = []
        var records: [SentMessageRecord] = []
        var appends: [(index: Int, event: NewInboxEvent)] = []
        var claims: [(index: Int, request: ClaimRequest)] = []
        var counters: [(index: Int, change: CounterChange)] = []
        var paces: [SQLitePaceLedger.Write] = []
        var results = [GroupedWriteResult](repeating: .recorded, count: writes.count)
        for (index, write) in writes.enumerated() {
            switch write {
            case .complete(let claim, let session, let absorbing):
                completions.append((index, Completion(claim: claim, session: session, absorbing: absorbing)))
                followers.append(nil)
            case .completeAndClaim(let claim, let session, let absorbing, let next):
                completions.append((index, Completion(claim: claim, session: session, absorbing: absorbing)))
                followers.append(next)
            case .recordSent(let record): records.append(record)
            case .append(let event): appends.append((index, event))
            case .claim(let worker, let now, let expiresAt): claims.append((index, ClaimRequest(worker: worker, now: now, expiresAt: expiresAt)))
            case .counter(let change): counters.append((index, change))
            case .pace(let write): paces.append(write)
            }
        }
        let (toComplete, toRecord, toAppend, toClaim) = (completions.map(\.completion), records, appends.map(\.event), claims.map(\.request))
        let toCount = counters.map(\.change)
        let toPace = paces
        let toFollow = followers
        let onlyClaims = completions.isEmpty && records.isEmpty && appends.isEmpty && counters.isEmpty && paces.isEmpty
        let written = try await writer.transaction(after: { db in
            // Claims alone take a write transaction only when there is something to claim.
            guard onlyClaims else { return true }
            let now = toClaim.map(\.now).max() ?? Date()
            return try await db.rows(claimSearch(limit: 1), [.time(now)]).isEmpty ? nil : true
        }) { db, _ in
            // Completions first: a chat they release can be claimed in the same batch, and so
            // can the events appended in it.
            let completed = try await complete(toComplete, db: db)
            try await record(toRecord, db: db)
            let appended = try await insert(toAppend, db: db)
            let counted = try await count(toCount, db: db)
            try await pace(toPace, db: db)
            // A refused completion claims nothing: its worker learns it lost the chat.
            let chained = zip(toFollow, completed).compactMap { follower, held in held ? follower : nil }
            let claimed = try await claim(toClaim + chained, db: db)
            return (completed, appended, counted, claimed)
        }
        guard let (completed, appended, counted, claimed) = written else {
            for claim in claims { results[claim.index] = .claimed(nil) }
            return results
        }
        var chainedClaims = claimed.dropFirst(claims.count).makeIterator()
        for (position, completion) in completions.enumerated() {
            if !completed[position] {
                results[completion.index] = .leaseLost(chatKey: completion.completion.claim.event.chatKey)
            } else if followers[position] != nil {
                results[completion.index] = .completedAndClaimed(chainedClaims.next() ?? nil)
            } else {
                results[completion.index] = .completed
            }
        }
        for (position, append) in appends.enumerated() { results[append.index] = .appended(appended[position]) }
        for (position, claim) in claims.enumerated() { results[claim.index] = .claimed(claimed[position]) }
        for (position, counter) in counters.enumerated() { results[counter.index] = .counted(counted[position]) }
        return results
    }

    /// One worker's wish to claim.
    struct ClaimRequest: Sendable {
        var worker: String
        var now: Date
        var expiresAt: Date
    }

    /// The heads of the oldest claimable chats at `?1`, oldest first: a chat's head is its
    /// lowest-sequence open row, so each row is another chat.
    static func claimSearch(limit: Int, skipping: Int = 0) -> String {
        let skipClause = skipping == 0 ? "" : "AND i.chat_key NOT IN (\(placeholders(rows: skipping, columns: 1, grouped: false)))"
        return """
            SELECT i.sequence
            FROM inbox AS i
            WHERE i.status IN ('pending', 'claimed')
              AND i.sequence = (
                SELECT MIN(h.sequence) FROM inbox AS h WHERE h.chat_key = i.chat_key AND h.status IN ('pending', 'claimed')
              )
              AND (i.not_before IS NULL OR i.not_before <= ?1)
              AND NOT EXISTS (
                SELECT 1 FROM leases AS l WHERE l.chat_key = i.chat_key AND l.worker IS NOT NULL AND l.expires_at > ?1
              )
              \(skipClause)
            ORDER BY i.sequence
            LIMIT \(limit)
            """
    }

    /// Claims up to one event per request, oldest claimable chats first, at the latest `now`
    /// among the requests; requests beyond what is claimable get `nil`. Three statements
    /// however many: the search, the status change, and the leases with the chats' sessions.
    private static func claim(_ requests: [ClaimRequest], db: SQLiteConnection) async throws -> [ClaimedEvent?] {
        guard let now = requests.map(\.now).max() else { return [] }
        let sequences = try await db.rows(claimSearch(limit: requests.count), [.time(now)]).map { try $0.int64("sequence") }
        guard !sequences.isEmpty else { return requests.map { _ in nil } }
        let rows = try await db.rows(
            """
            UPDATE inbox SET status = 'claimed' WHERE sequence IN (\(placeholders(rows: sequences.count, columns: 1, grouped: false)))
            RETURNING sequence, event_id, dedup_key, chat_key, event_type, body, received_at, attempts
            """,
            sequences.map { .integer(.init($0)) }
        )
        // RETURNING has no order: back to the search's order, oldest first.
        var bySequence: [Int64: SQLiteRow] = [:]
        for row in rows { bySequence[try row.int64("sequence")] = row }
        let taken = sequences.compactMap { bySequence[$0] }
        let events = try taken.map { (sequence: try $0.int64("sequence"), event: try $0.event(), attempts: try $0.int("attempts")) }
        let leases = try await db.rows(
            """
            INSERT INTO leases (chat_key, worker, token, expires_at) VALUES \(placeholders(rows: events.count, columns: 4))
            ON CONFLICT (chat_key) DO UPDATE
            SET worker = excluded.worker, token = leases.token + 1, expires_at = excluded.expires_at
            RETURNING chat_key, token,
              (SELECT s.data FROM sessions AS s WHERE s.chat_key = leases.chat_key) AS session_data,
              (SELECT s.updated_at FROM sessions AS s WHERE s.chat_key = leases.chat_key) AS session_updated_at
            """,
            zip(events, requests).flatMap { event, request -> [SQLiteData] in
                [.text(event.event.chatKey), .text(request.worker), .integer(1), .time(request.expiresAt)]
            }
        )
        var byChat: [String: SQLiteRow] = [:]
        for lease in leases { byChat[try lease.text("chat_key")] = lease }
        return try requests.indices.map { index -> ClaimedEvent? in
            guard index < events.count else { return nil }
            let event = events[index]
            guard let lease = byChat[event.event.chatKey] else {
                throw BotStoreError.unavailable("SQLite returned no lease token for chat \(event.event.chatKey)")
            }
            let session = lease.column("session_updated_at")?.double.map {
                StoredSession(data: lease.data("session_data"), updatedAt: Date(timeIntervalSince1970: $0))
            }
            return ClaimedEvent(
                sequence: event.sequence, event: event.event, attempts: event.attempts, worker: requests[index].worker,
                fencingToken: try lease.int64("token"), session: session, sessionLoaded: true
            )
        }
    }

    /// Completes claims whose fence holds; returns, per claim, whether it did. The fence check
    /// is the lease release itself: a claim whose chat and token match no held lease gets no
    /// row back, and nothing is written for it.
    private static func complete(_ completions: [Completion], db: SQLiteConnection) async throws -> [Bool] {
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
        for burst in finished where !burst.absorbing.isEmpty {
            // The rest of a coalesced burst: still pending, and only in the claimed chat.
            try await db.run(
                "UPDATE inbox SET status = 'done' WHERE chat_key = ? AND status = 'pending' AND sequence IN (\(placeholders(rows: burst.absorbing.count, columns: 1, grouped: false)))",
                [.text(burst.claim.event.chatKey)] + burst.absorbing.map { .integer(.init($0)) }
            )
        }
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

    /// One completion in a batch.
    struct Completion: Sendable {
        var claim: ClaimedEvent
        var session: StoredSession?
        var absorbing: [Int64]
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
