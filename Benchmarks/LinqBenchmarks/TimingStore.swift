import Foundation
import LinqBot
import Synchronization

/// A ``BotStore`` that forwards to another and times the calls of the dispatcher's hot path
/// (claim, session read, complete); it reports each completion on ``completions``.
///
/// It passes on the base store's announcements of work (PostgreSQL's `LISTEN`/`NOTIFY`); over
/// a store that announces nothing it listens to nothing, which leaves the application where
/// it is without one: woken by its own ingress and scheduler.
final class TimingStore: WorkNotifyingStore {
    struct Totals {
        var claims = 0
        var emptyClaims = 0
        var claimTime = Duration.zero
        var sessionReads = 0
        var sessionTime = Duration.zero
        var completes = 0
        var completeTime = Duration.zero
        /// Completions that also claimed the worker's next event in their write.
        var chainedClaims = 0

        /// The sum of several stores' totals (one per instance).
        static func + (left: Totals, right: Totals) -> Totals {
            Totals(
                claims: left.claims + right.claims, emptyClaims: left.emptyClaims + right.emptyClaims, claimTime: left.claimTime + right.claimTime,
                sessionReads: left.sessionReads + right.sessionReads, sessionTime: left.sessionTime + right.sessionTime,
                completes: left.completes + right.completes, completeTime: left.completeTime + right.completeTime,
                chainedClaims: left.chainedClaims + right.chainedClaims
            )
        }
    }

    let base: any BotStore
    let completions: AsyncStream<Int>
    private let continuation: AsyncStream<Int>.Continuation
    private let totals = Mutex(Totals())

    init(_ base: any BotStore) {
        self.base = base
        (completions, continuation) = AsyncStream.makeStream()
    }

    var snapshot: Totals { totals.withLock { $0 } }

    func reset() { totals.withLock { $0 = Totals() } }

    func migrate() async throws { try await base.migrate() }

    func append(_ event: NewInboxEvent) async throws -> InboxAppendResult { try await base.append(event) }

    func claimNext(worker: String, now: Date, leaseDuration: Duration, skipping: Set<String>) async throws -> ClaimedEvent? {
        let start = ContinuousClock.now
        let claim = try await base.claimNext(worker: worker, now: now, leaseDuration: leaseDuration, skipping: skipping)
        let elapsed = start.duration(to: .now)
        totals.withLock {
            if claim == nil {
                $0.emptyClaims += 1
            } else {
                $0.claims += 1
                $0.claimTime += elapsed
            }
        }
        return claim
    }

    func renew(_ claim: ClaimedEvent, now: Date, leaseDuration: Duration) async throws {
        try await base.renew(claim, now: now, leaseDuration: leaseDuration)
    }

    func session(chatKey: String) async throws -> StoredSession? {
        let start = ContinuousClock.now
        let session = try await base.session(chatKey: chatKey)
        let elapsed = start.duration(to: .now)
        totals.withLock {
            $0.sessionReads += 1
            $0.sessionTime += elapsed
        }
        return session
    }

    func complete(_ claim: ClaimedEvent, session: StoredSession?, now: Date) async throws {
        let start = ContinuousClock.now
        try await base.complete(claim, session: session, now: now)
        let elapsed = start.duration(to: .now)
        let count = totals.withLock {
            $0.completes += 1
            $0.completeTime += elapsed
            return $0.completes
        }
        continuation.yield(count)
    }

    func complete(_ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date) async throws {
        try await base.complete(claim, absorbing: absorbing, session: session, now: now)
    }

    func complete(
        _ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date, claimingNextFor worker: String, leaseDuration: Duration
    ) async throws -> ClaimedEvent? {
        let start = ContinuousClock.now
        let next = try await base.complete(claim, absorbing: absorbing, session: session, now: now, claimingNextFor: worker, leaseDuration: leaseDuration)
        let elapsed = start.duration(to: .now)
        let count = totals.withLock {
            $0.completes += 1
            $0.completeTime += elapsed
            if next != nil { $0.chainedClaims += 1 }
            return $0.completes
        }
        continuation.yield(count)
        return next
    }

    func pendingEvents(chatKey: String, after sequence: Int64, limit: Int) async throws -> [PendingEvent] {
        try await base.pendingEvents(chatKey: chatKey, after: sequence, limit: limit)
    }

    func sessions(after chatKey: String?, limit: Int) async throws -> [ChatSessionEntry] {
        try await base.sessions(after: chatKey, limit: limit)
    }

    func retry(_ claim: ClaimedEvent, attempts: Int, notBefore: Date, error: String) async throws {
        try await base.retry(claim, attempts: attempts, notBefore: notBefore, error: error)
    }

    func deadLetter(_ claim: ClaimedEvent, error: String, now: Date) async throws {
        try await base.deadLetter(claim, error: error, now: now)
    }

    func deadLetters(before: Int64?, limit: Int) async throws -> [DeadLetter] { try await base.deadLetters(before: before, limit: limit) }

    func replayDeadLetter(id: Int64) async throws -> DeadLetterReplay { try await base.replayDeadLetter(id: id) }

    func discardDeadLetter(id: Int64) async throws -> Bool { try await base.discardDeadLetter(id: id) }

    func chatKeys(mentioning handle: String) async throws -> [String] { try await base.chatKeys(mentioning: handle) }

    func chatRecords(chatKey: String) async throws -> ChatRecords { try await base.chatRecords(chatKey: chatKey) }

    func eraseChat(chatKey: String) async throws -> ChatErasure { try await base.eraseChat(chatKey: chatKey) }

    func backlog(limit: Int) async throws -> [ChatBacklog] { try await base.backlog(limit: limit) }

    func counters(prefix: String, after: String?, limit: Int, now: Date) async throws -> [CounterEntry] {
        try await base.counters(prefix: prefix, after: after, limit: limit, now: now)
    }

    func prune(_ cutoffs: PruneCutoffs) async throws -> PruneReport { try await base.prune(cutoffs) }

    func pendingCount() async throws -> Int { try await base.pendingCount() }

    func recordSent(_ record: SentMessageRecord) async throws { try await base.recordSent(record) }

    func sentMessage(idempotencyKey: String) async throws -> SentMessageRecord? { try await base.sentMessage(idempotencyKey: idempotencyKey) }

    func sentMessages(chatKey: String, since: Date, limit: Int) async throws -> [SentMessageRecord] {
        try await base.sentMessages(chatKey: chatKey, since: since, limit: limit)
    }

    func incrementCounter(_ key: String, by amount: Int, expiresAt: Date?, now: Date) async throws -> Int {
        try await base.incrementCounter(key, by: amount, expiresAt: expiresAt, now: now)
    }

    func counter(_ key: String, now: Date) async throws -> Int { try await base.counter(key, now: now) }

    func resetCounter(_ key: String) async throws { try await base.resetCounter(key) }

    func bookPace(_ request: PaceRequest) async throws -> PaceBooking { try await base.bookPace(request) }

    func blockPace(pair: String, until: Date) async throws { try await base.blockPace(pair: pair, until: until) }

    func erasePaces(handle: String) async throws { try await base.erasePaces(handle: handle) }

    func assignLine(_ line: String, to handle: String, now: Date) async throws -> LineAssignment {
        try await base.assignLine(line, to: handle, now: now)
    }

    func assignedLine(of handle: String) async throws -> String? { try await base.assignedLine(of: handle) }

    func reassignLine(of handle: String, to line: String, now: Date) async throws { try await base.reassignLine(of: handle, to: line, now: now) }
    func unassignLine(of handle: String) async throws { try await base.unassignLine(of: handle) }

    func assignedHandles(line: String, after handle: String?, limit: Int) async throws -> [String] {
        try await base.assignedHandles(line: line, after: handle, limit: limit)
    }

    func lineAssignmentCounts() async throws -> [String: Int] { try await base.lineAssignmentCounts() }

    func scheduleTimer(_ timer: ScheduledTimer) async throws { try await base.scheduleTimer(timer) }

    func cancelTimer(chatKey: String, name: String) async throws -> Bool { try await base.cancelTimer(chatKey: chatKey, name: name) }

    func cancelTimers(chatKey: String) async throws -> Int { try await base.cancelTimers(chatKey: chatKey) }

    func timers(chatKey: String) async throws -> [ScheduledTimer] { try await base.timers(chatKey: chatKey) }

    func fireDueTimers(now: Date, limit: Int) async throws -> Int { try await base.fireDueTimers(now: now, limit: limit) }

    func nextTimerDue() async throws -> Date? { try await base.nextTimerDue() }

    func registerInstance(_ id: String, now: Date) async throws -> Int { try await base.registerInstance(id, now: now) }

    func heartbeatInstance(_ id: String, now: Date) async throws -> Bool { try await base.heartbeatInstance(id, now: now) }

    func sweepInstances(heartbeatAtOrBefore cutoff: Date, keeping: String) async throws -> InstanceSweep {
        try await base.sweepInstances(heartbeatAtOrBefore: cutoff, keeping: keeping)
    }

    func deregisterInstance(_ id: String) async throws -> Int { try await base.deregisterInstance(id) }

    func instances() async throws -> [InstanceRecord] { try await base.instances() }

    func listenForWork(ready: @escaping @Sendable () -> Void, onWork: @escaping @Sendable (Int) -> Void) async throws {
        guard let notifying = base as? any WorkNotifyingStore else {
            ready()
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
            return
        }
        try await notifying.listenForWork(ready: ready, onWork: onWork)
    }
}
