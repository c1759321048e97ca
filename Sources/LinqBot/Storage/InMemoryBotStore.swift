public import Foundation
import Synchronization

/// A ``BotStore`` in memory: for tests and throwaway runs. Nothing survives the process.
public final class InMemoryBotStore: BotStore {
    struct Row {
        var event: NewInboxEvent
        var status: Status
        var attempts = 0
        var notBefore: Date?
    }

    enum Status { case pending, claimed, done, dead }

    struct Lease {
        var worker: String
        var token: Int64
        var expiresAt: Date
    }

    struct State {
        var rows: [Int64: Row] = [:]
        var eventIDs: [String: Int64] = [:]
        var dedupKeys: [String: Date] = [:]
        var openByChat: [String: [Int64]] = [:]
        var leases: [String: Lease] = [:]
        var tokens: [String: Int64] = [:]
        var sessions: [String: StoredSession] = [:]
        var dead: [DeadLetter] = []
        var nextDeadLetter: Int64 = 1
        var sent: [String: SentMessageRecord] = [:]
        var counters: [String: (value: Int, expiresAt: Date?)] = [:]
        /// Each line–person pair's pace (Unix seconds).
        var paces: [String: (arrival: Double, blockedUntil: Double)] = [:]
        var timers: [String: [String: ScheduledTimer]] = [:]
        var instances: [String: InstanceRecord] = [:]
        /// Each person's line (handle → line).
        var lineAssignments: [String: String] = [:]
        var nextSequence: Int64 = 1
        var claimSearches = 0
    }

    let state = Mutex(State())

    /// Creates an empty store.
    public init() {}

    /// How many times a claim searched the inbox, found or not (tests watch it).
    package var claimSearches: Int { state.withLock { $0.claimSearches } }

    /// Nothing to migrate.
    public func migrate() async throws {}

    /// Appends unless the event id or dedup key is known.
    public func append(_ event: NewInboxEvent) async throws -> InboxAppendResult {
        state.withLock { Self.append(event, to: &$0) }
    }

    static func append(_ event: NewInboxEvent, to state: inout State) -> InboxAppendResult {
        if state.eventIDs[event.eventID] != nil { return .duplicate }
        if let key = event.dedupKey, state.dedupKeys[key] != nil { return .duplicate }
        let sequence = state.nextSequence
        state.nextSequence += 1
        state.rows[sequence] = Row(event: event, status: .pending)
        state.eventIDs[event.eventID] = sequence
        if let key = event.dedupKey { state.dedupKeys[key] = event.receivedAt }
        state.openByChat[event.chatKey, default: []].append(sequence)
        return .stored(sequence: sequence)
    }

    /// Claims the head event of the oldest claimable chat.
    public func claimNext(worker: String, now: Date, leaseDuration: Duration, skipping: Set<String>) async throws -> ClaimedEvent? {
        state.withLock { state in
            state.claimSearches += 1
            var best: (sequence: Int64, chat: String)?
            for (chat, open) in state.openByChat where !skipping.contains(chat) {
                guard let head = open.first, let row = state.rows[head] else { continue }
                if let lease = state.leases[chat], lease.expiresAt > now { continue }
                if let notBefore = row.notBefore, notBefore > now { continue }
                if best == nil || head < best!.sequence { best = (head, chat) }
            }
            guard let (sequence, chat) = best, var row = state.rows[sequence] else { return nil }
            let token = (state.tokens[chat] ?? 0) + 1
            state.tokens[chat] = token
            state.leases[chat] = Lease(worker: worker, token: token, expiresAt: now.addingTimeInterval(leaseDuration.seconds))
            row.status = .claimed
            state.rows[sequence] = row
            return ClaimedEvent(
                sequence: sequence, event: row.event, attempts: row.attempts, worker: worker, fencingToken: token,
                session: state.sessions[chat], sessionLoaded: true
            )
        }
    }

    /// Extends the lease while it is still this claim's.
    public func renew(_ claim: ClaimedEvent, now: Date, leaseDuration: Duration) async throws {
        try state.withLock { state in
            try Self.checkFence(claim, state: state)
            state.leases[claim.event.chatKey]?.expiresAt = now.addingTimeInterval(leaseDuration.seconds)
        }
    }

    /// The chat's session.
    public func session(chatKey: String) async throws -> StoredSession? {
        state.withLock { $0.sessions[chatKey] }
    }

    /// Marks done, writes the session and releases the lease, if the fence holds.
    public func complete(_ claim: ClaimedEvent, session: StoredSession?, now: Date) async throws {
        try state.withLock { state in
            try Self.checkFence(claim, state: state)
            Self.finish(claim, as: .done, state: &state)
            if let session { state.sessions[claim.event.chatKey] = session }
        }
    }

    /// Marks done with the absorbed events, writes the session and releases the lease, if the fence holds.
    public func complete(_ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date) async throws {
        try state.withLock { state in
            try Self.checkFence(claim, state: state)
            for sequence in absorbing {
                guard let row = state.rows[sequence], row.event.chatKey == claim.event.chatKey, row.status == .pending else { continue }
                state.rows[sequence]?.status = .done
                state.openByChat[claim.event.chatKey]?.removeAll { $0 == sequence }
            }
            Self.finish(claim, as: .done, state: &state)
            if let session { state.sessions[claim.event.chatKey] = session }
        }
    }

    /// The chat's pending events after `sequence`.
    public func pendingEvents(chatKey: String, after sequence: Int64, limit: Int) async throws -> [PendingEvent] {
        state.withLock { state in
            let open = (state.openByChat[chatKey] ?? []).filter { $0 > sequence }.prefix(max(limit, 0))
            return open.compactMap { next in
                guard let row = state.rows[next], row.status == .pending else { return nil }
                return PendingEvent(sequence: next, event: row.event)
            }
        }
    }

    /// Sessions in chat-key order.
    public func sessions(after chatKey: String?, limit: Int) async throws -> [ChatSessionEntry] {
        state.withLock { state in
            let keys = state.sessions.keys.filter { chatKey == nil || $0 > chatKey! }.sorted().prefix(max(limit, 0))
            return keys.compactMap { key in state.sessions[key].map { ChatSessionEntry(chatKey: key, session: $0) } }
        }
    }

    /// Back to pending with a later `notBefore`, if the fence holds.
    public func retry(_ claim: ClaimedEvent, attempts: Int, notBefore: Date, error: String) async throws {
        try state.withLock { state in
            try Self.checkFence(claim, state: state)
            state.rows[claim.sequence]?.status = .pending
            state.rows[claim.sequence]?.attempts = attempts
            state.rows[claim.sequence]?.notBefore = notBefore
            state.leases[claim.event.chatKey] = nil
        }
    }

    /// To the dead letters, if the fence holds.
    public func deadLetter(_ claim: ClaimedEvent, error: String, now: Date) async throws {
        try state.withLock { state in
            try Self.checkFence(claim, state: state)
            Self.finish(claim, as: .dead, state: &state)
            let id = state.nextDeadLetter
            state.nextDeadLetter += 1
            state.dead.append(
                DeadLetter(id: id, sequence: claim.sequence, event: claim.event, attempts: claim.attempts + 1, error: error, failedAt: now)
            )
        }
    }

    /// Drops finished rows, dedup keys, sent records and counters past their cutoffs.
    public func prune(_ cutoffs: PruneCutoffs) async throws -> PruneReport {
        state.withLock { state in
            var report = PruneReport()
            let old = state.rows.filter {
                ($0.value.status == .done || $0.value.status == .dead) && $0.value.event.receivedAt < cutoffs.inboxBefore
            }
            for (sequence, row) in old {
                state.rows[sequence] = nil
                state.eventIDs[row.event.eventID] = nil
            }
            report.inboxRows = old.count
            let keys = state.dedupKeys.filter { $0.value < cutoffs.dedupKeysBefore }.keys
            keys.forEach { state.dedupKeys[$0] = nil }
            report.dedupKeys = keys.count
            let sent = state.sent.filter { $0.value.sentAt < cutoffs.sentBefore }.keys
            sent.forEach { state.sent[$0] = nil }
            report.sentMessages = sent.count
            let expired = state.counters.filter { ($0.value.expiresAt ?? .distantFuture) <= cutoffs.now }.keys
            expired.forEach { state.counters[$0] = nil }
            let spent = state.paces.filter { max($0.value.arrival, $0.value.blockedUntil) <= cutoffs.now.timeIntervalSince1970 }.keys
            spent.forEach { state.paces[$0] = nil }
            report.counters = expired.count + spent.count
            let idle = state.sessions.filter { chat, session in
                session.updatedAt < cutoffs.sessionsBefore && (state.openByChat[chat] ?? []).isEmpty && (state.timers[chat] ?? [:]).isEmpty
            }.keys
            idle.forEach { state.sessions[$0] = nil }
            report.sessions = idle.count
            return report
        }
    }

    /// Whether nothing runs or is ready at `now`: no chat holds a live lease, no chat's next
    /// event is due and no timer is due. Test harnesses use it to know the bot is done with
    /// what it can do now.
    public func isQuiet(at now: Date) -> Bool {
        state.withLock { state in
            if state.timers.values.contains(where: { $0.values.contains { $0.dueAt <= now } }) { return false }
            for (chat, open) in state.openByChat {
                if let lease = state.leases[chat], lease.expiresAt > now { return false }
                guard let head = open.first, let row = state.rows[head] else { continue }
                if (row.notBefore ?? now) <= now { return false }
            }
            return true
        }
    }

    /// Events not finished yet.
    public func pendingCount() async throws -> Int {
        state.withLock { $0.openByChat.values.reduce(0) { $0 + $1.count } }
    }

    /// Keeps the first record of each idempotency key.
    public func recordSent(_ record: SentMessageRecord) async throws {
        state.withLock { state in
            if state.sent[record.idempotencyKey] == nil { state.sent[record.idempotencyKey] = record }
        }
    }

    /// The record of one send.
    public func sentMessage(idempotencyKey: String) async throws -> SentMessageRecord? {
        state.withLock { $0.sent[idempotencyKey] }
    }

    /// A chat's sends since `since`, oldest first.
    public func sentMessages(chatKey: String, since: Date, limit: Int) async throws -> [SentMessageRecord] {
        state.withLock { state in
            let records = state.sent.values.filter { $0.chatKey == chatKey && $0.sentAt >= since }
            return Array(records.sorted { ($0.sentAt, $0.idempotencyKey) < ($1.sentAt, $1.idempotencyKey) }.prefix(max(limit, 0)))
        }
    }

    /// Adds to a counter, restarting it when missing or expired.
    public func incrementCounter(_ key: String, by amount: Int, expiresAt: Date?, now: Date) async throws -> Int {
        state.withLock { state in
            var entry = state.counters[key] ?? (0, expiresAt)
            if let expiry = entry.expiresAt, expiry <= now { entry = (0, expiresAt) }
            entry.value += amount
            state.counters[key] = entry
            return entry.value
        }
    }

    /// A counter's live value.
    public func counter(_ key: String, now: Date) async throws -> Int {
        state.withLock { state in
            guard let entry = state.counters[key], (entry.expiresAt ?? .distantFuture) > now else { return 0 }
            return entry.value
        }
    }

    /// Forgets a counter.
    public func resetCounter(_ key: String) async throws {
        state.withLock { $0.counters[key] = nil }
    }

    static func checkFence(_ claim: ClaimedEvent, state: State) throws {
        guard let lease = state.leases[claim.event.chatKey], lease.token == claim.fencingToken, lease.worker == claim.worker else {
            throw BotStoreError.leaseLost(chatKey: claim.event.chatKey)
        }
    }

    static func finish(_ claim: ClaimedEvent, as status: Status, state: inout State) {
        state.rows[claim.sequence]?.status = status
        state.openByChat[claim.event.chatKey]?.removeAll { $0 == claim.sequence }
        if state.openByChat[claim.event.chatKey]?.isEmpty == true { state.openByChat[claim.event.chatKey] = nil }
        state.leases[claim.event.chatKey] = nil
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var seconds: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
