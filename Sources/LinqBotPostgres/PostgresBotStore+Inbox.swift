import Foundation
import LinqBot
import Logging
import PostgresNIO

extension PostgresBotStore {
    /// Appends a batch of events in one statement (so in one transaction, durable when it
    /// returns) and answers, per event, stored or duplicate.
    static func insert(_ events: [NewInboxEvent], on client: PostgresClient, within limit: Duration, logger: Logger) async throws -> [InboxAppendResult] {
        guard !events.isEmpty else { return [] }
        let stored = try await run(AppendStatement(events: events), on: client, within: limit, logger: logger)
        return results(of: events, stored: stored)
    }

    /// Appends events on a connection inside a transaction (fired timers).
    static func insert(_ events: [NewInboxEvent], on connection: PostgresConnection, logger: Logger) async throws -> [InboxAppendResult] {
        guard !events.isEmpty else { return [] }
        let stored = try await connection.execute(AppendStatement(events: events), logger: logger).reduce(into: []) { $0.append($1) }
        return results(of: events, stored: stored)
    }

    /// Matches stored rows back to the events by id: a repeated id in the batch was stored once,
    /// for its first occurrence.
    private static func results(of events: [NewInboxEvent], stored: [(Int64, String)]) -> [InboxAppendResult] {
        var sequences: [String: Int64] = [:]
        for (sequence, eventID) in stored { sequences[eventID] = sequence }
        return events.map { event in
            guard let sequence = sequences.removeValue(forKey: event.eventID) else { return .duplicate }
            return .stored(sequence: sequence)
        }
    }
}
