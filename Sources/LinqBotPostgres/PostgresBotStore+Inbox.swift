import Foundation
import LinqBot
import Logging
import PostgresNIO

extension PostgresBotStore {
    /// Appends a batch of events in one statement (so in one transaction, durable when it
    /// returns) and answers, per event, stored or duplicate.
    static func insert(_ events: [NewInboxEvent], on client: PostgresClient, within limit: Duration, logger: Logger) async throws -> [InboxAppendResult] {
        guard !events.isEmpty else { return [] }
        let stored = try await decode(query(try insertStatement(events), on: client, within: limit, logger: logger), as: (Int64, String).self)
        return results(of: events, stored: stored)
    }

    /// Appends events on a connection inside a transaction (fired timers).
    static func insert(_ events: [NewInboxEvent], on connection: PostgresConnection, logger: Logger) async throws -> [InboxAppendResult] {
        guard !events.isEmpty else { return [] }
        let stored = try await decode(connection.query(try insertStatement(events), logger: logger), as: (Int64, String).self)
        return results(of: events, stored: stored)
    }

    /// One statement that stores the events in order and creates their chats' lease rows.
    ///
    /// The dedup keys go in first: an event whose key is already known (in this batch too)
    /// is left out. The inbox insert then skips any event whose id, or key, is already there;
    /// a unique constraint backs each check, so two instances appending the same event at once
    /// store it once (the second waits for the first to commit, then skips it). New chats get
    /// their lease rows in key order, so concurrent batches never wait on each other in a cycle.
    /// Returns the `(sequence, event_id)` of each stored event.
    static func insertStatement(_ events: [NewInboxEvent]) throws -> PostgresQuery {
        var statement = PostgresStatement()
        var rows: [String] = []
        for (position, event) in events.enumerated() {
            let values = [
                "\(position)", try statement.bind(event.eventID, as: "text"), try statement.bind(event.dedupKey, as: "text"),
                try statement.bind(event.chatKey, as: "text"), try statement.bind(event.eventType, as: "text"),
                try statement.bind(event.body, as: "bytea"), try statement.bind(event.receivedAt, as: "timestamptz"),
            ]
            rows.append("(\(values.joined(separator: ", ")))")
        }
        return statement.query(
            """
            WITH input (position, event_id, dedup_key, chat_key, event_type, body, received_at) AS (
                VALUES \(rows.joined(separator: ", "))
            ), new_keys AS (
                INSERT INTO linqbot_dedup_keys (key, seen_at)
                SELECT dedup_key, received_at FROM input WHERE dedup_key IS NOT NULL ORDER BY position
                ON CONFLICT DO NOTHING
                RETURNING key
            ), stored AS (
                INSERT INTO linqbot_inbox (event_id, dedup_key, chat_key, event_type, body, received_at)
                SELECT event_id, dedup_key, chat_key, event_type, body, received_at FROM input
                WHERE dedup_key IS NULL OR dedup_key IN (SELECT key FROM new_keys)
                ORDER BY position
                ON CONFLICT DO NOTHING
                RETURNING sequence, event_id, chat_key
            ), chats AS (
                INSERT INTO linqbot_leases (chat_key)
                SELECT DISTINCT chat_key FROM stored ORDER BY chat_key
                ON CONFLICT DO NOTHING
            )
            SELECT sequence, event_id FROM stored
            """
        )
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
