import Foundation
import LinqBot
import NIOCore
import PostgresNIO

/// A batch of inbox appends, as a prepared statement: the events travel as one array per
/// column, so the text is the same for any batch size and each connection plans it once.
///
/// The dedup keys go in first: an event whose key is already known (in this batch too) is
/// left out. The inbox insert then skips any event whose id, or key, is already there; a
/// unique constraint backs each check, so two instances appending the same event at once
/// store it once (the second waits for the first to commit, then skips it). New chats get
/// their lease rows in key order, so concurrent batches never wait on each other in a cycle.
/// Returns the `(sequence, event_id)` of each stored event.
struct AppendStatement: PostgresPreparedStatement {
    typealias Row = (Int64, String)

    static let sql = """
        WITH input AS (
            SELECT position, event_id, CASE WHEN keyed THEN dedup_key END AS dedup_key, chat_key, event_type, body, received_at
            FROM unnest($1::text[], $2::bool[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::timestamptz[])
                WITH ORDINALITY AS events (event_id, keyed, dedup_key, chat_key, event_type, body, received_at, position)
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

    var events: [NewInboxEvent]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 7)
        bindings.append(events.map(\.eventID))
        bindings.append(events.map { $0.dedupKey != nil })
        bindings.append(events.map { $0.dedupKey ?? "" })
        bindings.append(events.map(\.chatKey))
        bindings.append(events.map(\.eventType))
        bindings.append(events.map { ByteBuffer(bytes: $0.body) })
        bindings.append(events.map(\.receivedAt))
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
