public import Foundation

/// An event the bot gave up on, kept for operators until they replay or discard it.
public struct DeadLetter: Sendable, Hashable {
    /// The dead letter's id in the store, for ``BotStore/replayDeadLetter(id:)`` and
    /// ``BotStore/discardDeadLetter(id:)``.
    public var id: Int64
    /// The inbox position the event had (and takes again when replayed).
    public var sequence: Int64
    /// The event.
    public var event: NewInboxEvent
    /// Attempts made.
    public var attempts: Int
    /// The last error.
    public var error: String
    /// When it was given up.
    public var failedAt: Date

    /// Creates a dead letter record (stores build these).
    public init(id: Int64, sequence: Int64, event: NewInboxEvent, attempts: Int, error: String, failedAt: Date) {
        self.id = id
        self.sequence = sequence
        self.event = event
        self.attempts = attempts
        self.error = error
        self.failedAt = failedAt
    }
}

/// What ``BotStore/replayDeadLetter(id:)`` did.
public enum DeadLetterReplay: Sendable, Hashable {
    /// The event is pending again in its chat's queue, at inbox position `sequence`.
    case replayed(sequence: Int64, chatKey: String)
    /// No dead letter has this id.
    case notFound
    /// The event's id or dedup key is in the inbox again under another row (a redelivery was
    /// stored after the dead row was pruned): nothing changed.
    case conflict
}

extension BotStore {
    /// The most recent dead letters, newest first.
    public func deadLetters(limit: Int) async throws -> [DeadLetter] {
        try await deadLetters(before: nil, limit: limit)
    }
}
