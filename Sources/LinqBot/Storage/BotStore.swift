public import Foundation

/// Where a bot keeps everything that must survive a restart: the webhook inbox, per-chat
/// leases with fencing tokens, chat sessions, dead letters, the record of sent messages and
/// the counters that line-health middleware keeps, and durable per-chat timers.
///
/// The protocol is shaped for several instances sharing one store: a worker *claims* the
/// oldest pending event of a chat that no live lease holds, and its commit is *fenced*: it
/// succeeds only while the worker's lease token is still the chat's current one.
/// Every instance registers with a heartbeat, so the leases of one that died are freed as soon
/// as it is known dead rather than when each runs out (``registerInstance(_:now:)``).
/// Implementations: ``InMemoryBotStore`` (tests), `SQLiteBotStore` (the embedded default),
/// `PostgresBotStore` (several instances).
/// One conformance suite runs against all of them.
public protocol BotStore: Sendable {
    /// Creates or upgrades the schema. Safe to call on every start.
    func migrate() async throws
    /// Releases what the store holds (connections, files); the application calls it once it stopped.
    func close() async throws

    /// Appends an event durably. Returns ``InboxAppendResult/duplicate`` when its `eventID`,
    /// or its `dedupKey`, is already in the inbox. Returns only after the write is durable.
    func append(_ event: NewInboxEvent) async throws -> InboxAppendResult

    /// Claims the oldest claimable event: the first pending event of a chat (in append order)
    /// whose chat holds no unexpired lease, whose `notBefore` has passed, and whose chat is not
    /// in `skipping`. Takes the chat's lease for `leaseDuration` with a new fencing token.
    func claimNext(worker: String, now: Date, leaseDuration: Duration, skipping: Set<String>) async throws -> ClaimedEvent?

    /// Extends a held lease (heartbeat). Throws ``BotStoreError/leaseLost`` when another worker took the chat.
    func renew(_ claim: ClaimedEvent, now: Date, leaseDuration: Duration) async throws

    /// The stored session of a chat, if any.
    func session(chatKey: String) async throws -> StoredSession?

    /// In one transaction: checks the fence, marks the event done, writes the session (when
    /// given) and releases the lease. Throws ``BotStoreError/leaseLost`` and changes nothing when
    /// the lease token is no longer current.
    func complete(_ claim: ClaimedEvent, session: StoredSession?, now: Date) async throws

    /// Like ``complete(_:session:now:)``, and in the same transaction also marks the chat's
    /// pending events `absorbing` done: the later messages of a coalesced burst, handled in
    /// the claimed event's turn.
    func complete(_ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date) async throws

    /// Completes `claim` as ``complete(_:absorbing:session:now:)`` does, then claims the next
    /// event for `worker` as ``claimNext(worker:now:leaseDuration:skipping:)`` does (skipping no
    /// chat). A store may write both in one transaction, so a busy worker takes its next event
    /// without a commit of its own. Throws ``BotStoreError/leaseLost`` and claims nothing when
    /// the fence refused the completion.
    func complete(
        _ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date, claimingNextFor worker: String, leaseDuration: Duration
    ) async throws -> ClaimedEvent?

    /// The chat's pending events after `sequence`, in order, at most `limit` (the burst that
    /// follows a claimed message, for coalescing).
    func pendingEvents(chatKey: String, after sequence: Int64, limit: Int) async throws -> [PendingEvent]

    /// Stored sessions in chat-key order, after `chatKey` when given, at most `limit`.
    func sessions(after chatKey: String?, limit: Int) async throws -> [ChatSessionEntry]

    /// Puts a claimed event back to pending with `attempts` and `notBefore`, and releases the lease (fenced).
    func retry(_ claim: ClaimedEvent, attempts: Int, notBefore: Date, error: String) async throws

    /// Moves a claimed event to the dead letters and releases the lease (fenced), so the chat moves on.
    func deadLetter(_ claim: ClaimedEvent, error: String, now: Date) async throws

    /// Dead letters newest first: those with an id below `before` when given, at most `limit`.
    func deadLetters(before: Int64?, limit: Int) async throws -> [DeadLetter]

    /// Puts dead letter `id` back into its chat's queue and forgets the dead letter: the inbox
    /// row becomes pending again at its original position, with its event id and dedup key,
    /// and no attempts made. A row that was pruned is stored again at its original position.
    func replayDeadLetter(id: Int64) async throws -> DeadLetterReplay

    /// Forgets dead letter `id`; returns whether there was one.
    @discardableResult
    func discardDeadLetter(id: Int64) async throws -> Bool

    /// The chats whose stored inbox payloads, dead letters, sessions or timer payloads contain
    /// `handle` as a JSON string, in chat-key order.
    func chatKeys(mentioning handle: String) async throws -> [String]

    /// Everything the store keeps about one chat (see ``ChatRecords``).
    func chatRecords(chatKey: String) async throws -> ChatRecords

    /// In one transaction, deletes the chat's session, inbox rows, sent-message records, timers,
    /// dead letters and free lease, and fences out a worker holding the chat (its commit is
    /// refused like a lost lease; fencing tokens never go back). Message-id dedup keys stay, so a
    /// late redelivery is still refused.
    func eraseChat(chatKey: String) async throws -> ChatErasure

    /// Deletes what is past its retention: finished (done or dead) inbox rows received before
    /// ``PruneCutoffs/inboxBefore``, message-id dedup keys first seen before
    /// ``PruneCutoffs/dedupKeysBefore`` (they outlive their inbox rows), sent-message records
    /// before ``PruneCutoffs/sentBefore``, counters expired at ``PruneCutoffs/now``, and the
    /// sessions of idle chats: written before ``PruneCutoffs/sessionsBefore``, with no
    /// unfinished inbox event and no timer.
    func prune(_ cutoffs: PruneCutoffs) async throws -> PruneReport

    /// Counts inbox events that are not finished yet.
    func pendingCount() async throws -> Int

    /// The chats with unfinished inbox events, the longest waiting first, at most `limit`.
    func backlog(limit: Int) async throws -> [ChatBacklog]

    // MARK: Sent messages and counters

    /// Records a message Linq accepted. Recording the same idempotency key again keeps the first record.
    func recordSent(_ record: SentMessageRecord) async throws

    /// The record of the send with `idempotencyKey`, if there is one.
    func sentMessage(idempotencyKey: String) async throws -> SentMessageRecord?

    /// The messages sent in a chat at or after `since`, oldest first, at most `limit`.
    func sentMessages(chatKey: String, since: Date, limit: Int) async throws -> [SentMessageRecord]

    /// Adds `amount` to the counter `key` and returns its new value. A counter that is missing or
    /// expired at `now` starts again from zero and takes `expiresAt` (`nil`: never expires).
    func incrementCounter(_ key: String, by amount: Int, expiresAt: Date?, now: Date) async throws -> Int

    /// The counter's value at `now`: 0 when it is missing or expired.
    func counter(_ key: String, now: Date) async throws -> Int

    /// Deletes the counter, so it starts again from zero.
    func resetCounter(_ key: String) async throws

    /// The live counters at `now` whose key starts with `prefix`, in key order after `after`, at most `limit`.
    func counters(prefix: String, after: String?, limit: Int, now: Date) async throws -> [CounterEntry]

    // MARK: Pacing

    /// Books one message to a line–person pair at the earliest moment its pace allows, at or
    /// after `request.earliest`, and returns it; as one atomic step, so that concurrent
    /// bookings (from any instance) get moments one interval apart. When that moment is after
    /// `request.latest`, nothing is booked. The pace outlives a restart (a store with one
    /// writing process may keep it in memory and write it within a second).
    func bookPace(_ request: PaceRequest) async throws -> PaceBooking

    /// Linq answered 429 for the pair: nothing is booked for it before `until` (a later block stays).
    func blockPace(pair: String, until: Date) async throws

    /// Deletes the pace of every pair whose person is `handle` (a person's erasure).
    func erasePaces(handle: String) async throws

    // MARK: Timers

    /// Stores a timer durably, replacing the chat's timer of the same name.
    func scheduleTimer(_ timer: ScheduledTimer) async throws

    /// Cancels the chat's timer called `name`; returns whether there was one.
    @discardableResult
    func cancelTimer(chatKey: String, name: String) async throws -> Bool

    /// Cancels every timer of the chat; returns how many there were.
    @discardableResult
    func cancelTimers(chatKey: String) async throws -> Int

    /// The chat's pending timers, soonest first.
    func timers(chatKey: String) async throws -> [ScheduledTimer]

    /// In one transaction, turns up to `limit` timers due at `now` into inbox events (see
    /// ``ScheduledTimer/inboxEvent(firedAt:)``) and deletes them: a timer fires once, or not
    /// yet, never twice and never lost. Returns how many fired.
    func fireDueTimers(now: Date, limit: Int) async throws -> Int

    /// When the soonest pending timer falls due, if any.
    func nextTimerDue() async throws -> Date?

    // MARK: Line assignments

    /// Assigns `handle` to `line` unless the person has a line already, atomically (instances
    /// choosing at once agree on one line). Returns the line that holds, and whether this call
    /// assigned it.
    func assignLine(_ line: String, to handle: String, now: Date) async throws -> LineAssignment

    /// The line `handle` is assigned to, if any.
    func assignedLine(of handle: String) async throws -> String?

    /// Assigns `handle` to `line`, replacing the line the person had.
    func reassignLine(of handle: String, to line: String, now: Date) async throws

    /// Forgets the person's line (an erasure); a later conversation chooses one anew.
    func unassignLine(of handle: String) async throws

    /// The people assigned to `line`, in handle order, after `handle` when given, at most `limit`.
    func assignedHandles(line: String, after handle: String?, limit: Int) async throws -> [String]

    /// How many people each line has (lines without people are left out).
    func lineAssignmentCounts() async throws -> [String: Int]

    // MARK: Instances

    /// Registers instance `id` as alive at `now`, as it starts, and frees at once the leases its
    /// workers still hold: a process that registers an id replaces any earlier one with that id.
    /// A store that one process alone can write (SQLite) also forgets every instance that did not
    /// register through this store object, and frees their leases: they belong to earlier
    /// processes. Workers are named after their instance (``WorkerName``). Returns the leases freed.
    @discardableResult
    func registerInstance(_ id: String, now: Date) async throws -> Int

    /// Sets the heartbeat of instance `id` to `now`. Returns `false` when the store no longer
    /// knew the instance (another instance had declared it dead and freed its leases); it is
    /// registered again, without freeing anything.
    @discardableResult
    func heartbeatInstance(_ id: String, now: Date) async throws -> Bool

    /// Declares dead every instance but `keeping` whose last heartbeat is at or before `cutoff`:
    /// in one transaction, frees the leases its workers hold and forgets it. A late fenced
    /// write from such an instance (paused, not dead) is then refused like any lost lease.
    func sweepInstances(heartbeatAtOrBefore cutoff: Date, keeping: String) async throws -> InstanceSweep

    /// Forgets instance `id` (a clean stop) and frees the leases its workers still hold; returns how many.
    @discardableResult
    func deregisterInstance(_ id: String) async throws -> Int

    /// The registered instances, by id.
    func instances() async throws -> [InstanceRecord]
}

/// An event to put in the inbox.
public struct NewInboxEvent: Sendable, Hashable {
    /// Linq's `event_id` (also the `webhook-id`): the first uniqueness key.
    public var eventID: String
    /// A second uniqueness key: `message.received:<message id>` for received messages, else `nil`.
    public var dedupKey: String?
    /// The chat the event belongs to (its chat id), or a line or global key for events without a chat.
    public var chatKey: String
    /// The event type, e.g. `message.received`.
    public var eventType: String
    /// The webhook body exactly as received.
    public var body: Data
    /// When it arrived.
    public var receivedAt: Date

    /// Creates an inbox entry.
    public init(eventID: String, dedupKey: String? = nil, chatKey: String, eventType: String, body: Data, receivedAt: Date) {
        self.eventID = eventID
        self.dedupKey = dedupKey
        self.chatKey = chatKey
        self.eventType = eventType
        self.body = body
        self.receivedAt = receivedAt
    }
}

/// What an append did.
public enum InboxAppendResult: Sendable, Hashable {
    /// Stored, with its position in the inbox.
    case stored(sequence: Int64)
    /// Already there (same event id or dedup key): nothing written.
    case duplicate
}

/// An event a worker holds, with the lease that fences its commit.
public struct ClaimedEvent: Sendable, Hashable {
    /// The inbox position.
    public var sequence: Int64
    /// The stored event.
    public var event: NewInboxEvent
    /// Attempts made before this one.
    public var attempts: Int
    /// The worker that holds the lease.
    public var worker: String
    /// The chat lease's fencing token at claim time.
    public var fencingToken: Int64
    /// The chat's session as the store read it with the claim, when ``sessionLoaded``.
    public var session: StoredSession?
    /// Whether the store read the chat's session with the claim (`session` then holds it, or
    /// `nil` when the chat has none); when `false`, read it with ``BotStore/session(chatKey:)``.
    public var sessionLoaded: Bool

    /// Creates a claim (stores build these). A store that reads the chat's session in the
    /// claim's transaction passes it with `sessionLoaded: true`, sparing the runtime a read.
    public init(
        sequence: Int64, event: NewInboxEvent, attempts: Int, worker: String, fencingToken: Int64, session: StoredSession? = nil,
        sessionLoaded: Bool = false
    ) {
        self.sequence = sequence
        self.event = event
        self.attempts = attempts
        self.worker = worker
        self.fencingToken = fencingToken
        self.session = session
        self.sessionLoaded = sessionLoaded
    }
}

/// An event waiting in a chat's queue.
public struct PendingEvent: Sendable, Hashable {
    /// The inbox position.
    public var sequence: Int64
    /// The stored event.
    public var event: NewInboxEvent

    /// Creates an entry (stores build these).
    public init(sequence: Int64, event: NewInboxEvent) {
        self.sequence = sequence
        self.event = event
    }
}

/// One chat's stored session, in a listing.
public struct ChatSessionEntry: Sendable, Hashable {
    /// The chat (its chat id).
    public var chatKey: String
    /// The session.
    public var session: StoredSession

    /// Creates an entry (stores build these).
    public init(chatKey: String, session: StoredSession) {
        self.chatKey = chatKey
        self.session = session
    }
}

/// A chat's persisted session: flow state and data, encoded by the runtime.
public struct StoredSession: Sendable, Hashable {
    /// The encoded session.
    public var data: Data
    /// When it was last written.
    public var updatedAt: Date

    /// Creates a session record.
    public init(data: Data, updatedAt: Date) {
        self.data = data
        self.updatedAt = updatedAt
    }
}

/// Failures a store reports in its own terms.
public enum BotStoreError: Error, Sendable, Hashable {
    /// Another worker holds the chat now; this worker's write was refused by the fence.
    case leaseLost(chatKey: String)
    /// The store could not be reached or did not commit in time.
    case unavailable(String)
}

extension BotStore {
    /// Holds nothing to release.
    public func close() async throws {}

    /// The completion, then the claim, one after the other.
    public func complete(
        _ claim: ClaimedEvent, absorbing: [Int64], session: StoredSession?, now: Date, claimingNextFor worker: String, leaseDuration: Duration
    ) async throws -> ClaimedEvent? {
        try await complete(claim, absorbing: absorbing, session: session, now: now)
        return try await claimNext(worker: worker, now: now, leaseDuration: leaseDuration, skipping: [])
    }
}
