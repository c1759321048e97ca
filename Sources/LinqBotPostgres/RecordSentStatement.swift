import Foundation
import LinqBot
import PostgresNIO

/// A batch of send records, as a prepared statement (one array per column, planned once per
/// connection). The first record of an idempotency key wins, in the batch as in the table.
struct RecordSentStatement: PostgresPreparedStatement {
    typealias Row = Int

    static let sql = """
        INSERT INTO linqbot_sent_messages (idempotency_key, chat_key, message_id, event_id, sent_at)
        SELECT idempotency_key, chat_key, message_id, CASE WHEN has_event THEN event_id END, sent_at
        FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::text[], $6::timestamptz[])
            WITH ORDINALITY AS records (idempotency_key, chat_key, message_id, has_event, event_id, sent_at, position)
        ORDER BY position
        ON CONFLICT DO NOTHING
        """

    var records: [SentMessageRecord]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 6)
        bindings.append(records.map(\.idempotencyKey))
        bindings.append(records.map(\.chatKey))
        bindings.append(records.map(\.messageID))
        bindings.append(records.map { $0.eventID != nil })
        bindings.append(records.map { $0.eventID ?? "" })
        bindings.append(records.map(\.sentAt))
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Int.self)
    }
}
