public import Foundation

/// What ``BotStore/prune(_:)`` deletes: everything older than its cutoff.
public struct PruneCutoffs: Sendable, Hashable {
    /// Finished inbox rows received before this go (the event-id dedup horizon).
    public var inboxBefore: Date
    /// `message.received` message-id keys first seen before this go; they outlive the inbox rows.
    public var dedupKeysBefore: Date
    /// Sent-message records before this go.
    public var sentBefore: Date
    /// Counters that expired by this time go, and pair paces that bind nothing after it.
    public var now: Date
    /// Sessions last written before this go, when their chat has no unfinished event and no timer.
    public var sessionsBefore: Date

    /// Creates cutoffs; sessions are kept unless `sessionsBefore` is given.
    public init(inboxBefore: Date, dedupKeysBefore: Date, sentBefore: Date, sessionsBefore: Date = .distantPast, now: Date) {
        self.inboxBefore = inboxBefore
        self.dedupKeysBefore = dedupKeysBefore
        self.sentBefore = sentBefore
        self.sessionsBefore = sessionsBefore
        self.now = now
    }

    /// The cutoffs at `now` for a retention policy.
    public init(now: Date, retention: Retention) {
        self.init(
            inboxBefore: now.addingTimeInterval(-retention.inbox.seconds),
            dedupKeysBefore: now.addingTimeInterval(-retention.messageIDs.seconds),
            sentBefore: now.addingTimeInterval(-retention.sentMessages.seconds),
            sessionsBefore: now.addingTimeInterval(-retention.sessions.seconds),
            now: now
        )
    }
}

/// How long a store keeps what it no longer needs for work in progress.
public struct Retention: Sendable, Hashable {
    /// Finished inbox rows, and with them event-id deduplication: 7 days by default.
    public var inbox: Duration
    /// Message-id deduplication of `message.received`: 30 days by default.
    public var messageIDs: Duration
    /// Sent-message records: 30 days by default.
    public var sentMessages: Duration
    /// The sessions of idle chats (no write for this long, no unfinished event, no timer): 365 days by default.
    public var sessions: Duration

    /// Creates a policy; the defaults follow the reliability plan.
    public init(
        inbox: Duration = .seconds(7 * 86_400), messageIDs: Duration = .seconds(30 * 86_400), sentMessages: Duration = .seconds(30 * 86_400),
        sessions: Duration = .seconds(365 * 86_400)
    ) {
        self.inbox = inbox
        self.messageIDs = messageIDs
        self.sentMessages = sentMessages
        self.sessions = sessions
    }
}

/// What one prune deleted.
public struct PruneReport: Sendable, Hashable {
    /// Finished inbox rows.
    public var inboxRows: Int
    /// Message-id dedup keys.
    public var dedupKeys: Int
    /// Sent-message records.
    public var sentMessages: Int
    /// Expired counters and spent pair paces.
    public var counters: Int
    /// Sessions of idle chats.
    public var sessions: Int

    /// Creates a report.
    public init(inboxRows: Int = 0, dedupKeys: Int = 0, sentMessages: Int = 0, counters: Int = 0, sessions: Int = 0) {
        self.inboxRows = inboxRows
        self.dedupKeys = dedupKeys
        self.sentMessages = sentMessages
        self.counters = counters
        self.sessions = sessions
    }
}
