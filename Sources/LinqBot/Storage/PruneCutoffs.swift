public import Foundation

/// What ``BotStore/prune(_:)`` deletes: everything older than its cutoff.
public struct PruneCutoffs: Sendable, Hashable {
    /// Finished inbox rows received before this go (the event-id dedup horizon).
    public var inboxBefore: Date
    /// `message.received` message-id keys first seen before this go; they outlive the inbox rows.
    public var dedupKeysBefore: Date
    /// Sent-message records before this go.
    public var sentBefore: Date
    /// Counters that expired by this time go.
    public var now: Date

    /// Creates cutoffs.
    public init(inboxBefore: Date, dedupKeysBefore: Date, sentBefore: Date, now: Date) {
        self.inboxBefore = inboxBefore
        self.dedupKeysBefore = dedupKeysBefore
        self.sentBefore = sentBefore
        self.now = now
    }

    /// The cutoffs at `now` for a retention policy.
    public init(now: Date, retention: Retention) {
        self.init(
            inboxBefore: now.addingTimeInterval(-retention.inbox.seconds),
            dedupKeysBefore: now.addingTimeInterval(-retention.messageIDs.seconds),
            sentBefore: now.addingTimeInterval(-retention.sentMessages.seconds),
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

    /// Creates a policy; the defaults follow the reliability plan.
    public init(inbox: Duration = .seconds(7 * 86_400), messageIDs: Duration = .seconds(30 * 86_400), sentMessages: Duration = .seconds(30 * 86_400)) {
        self.inbox = inbox
        self.messageIDs = messageIDs
        self.sentMessages = sentMessages
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
    /// Expired counters.
    public var counters: Int

    /// Creates a report.
    public init(inboxRows: Int = 0, dedupKeys: Int = 0, sentMessages: Int = 0, counters: Int = 0) {
        self.inboxRows = inboxRows
        self.dedupKeys = dedupKeys
        self.sentMessages = sentMessages
        self.counters = counters
    }
}
