import Foundation
import PostgresNIO

/// The claim, as a prepared statement: its text never changes, so each connection parses and
/// plans it once and then only binds and runs it (planning the statement anew took longer
/// than running it).
///
/// It locks the lease row of the oldest chat whose head is due and whose lease is free or
/// expired, skipping chats in `passed` and rows other transactions hold (`SKIP LOCKED`); marks
/// that head claimed if it is still open and due by the latest committed row; gives the lease
/// a fencing token; and returns the chat key with the claimed event, the token and the
/// session. The chat key comes back alone (every other column null) when the head changed
/// after the statement's snapshot: the caller passes over that chat and tries again.
struct ClaimStatement: PostgresPreparedStatement {
    typealias Row = (String, Int64?, String?, String?, String?, Data?, Date?, Int?, Int64?, Data?, Date?)

    static let sql = """
        WITH candidate AS (
            SELECT c.chat_key, i.sequence FROM linqbot_inbox AS i JOIN linqbot_leases AS c ON c.chat_key = i.chat_key
            WHERE i.status IN ('pending', 'claimed')
              AND (i.not_before IS NULL OR i.not_before <= $1::timestamptz)
              AND (c.worker IS NULL OR c.expires_at <= $1::timestamptz)
              AND NOT (i.chat_key = ANY($2::text[]))
              AND NOT EXISTS (
                SELECT 1 FROM linqbot_inbox AS h
                WHERE h.chat_key = i.chat_key AND h.status IN ('pending', 'claimed') AND h.sequence < i.sequence
              )
            ORDER BY i.sequence
            LIMIT 1
            FOR UPDATE OF c SKIP LOCKED
        ), taken AS (
            UPDATE linqbot_inbox AS i SET status = 'claimed' FROM candidate
            WHERE i.sequence = candidate.sequence AND i.status IN ('pending', 'claimed')
              AND (i.not_before IS NULL OR i.not_before <= $1::timestamptz)
            RETURNING i.sequence, i.event_id, i.dedup_key, i.chat_key, i.event_type, i.body, i.received_at, i.attempts
        ), lease AS (
            UPDATE linqbot_leases AS l SET worker = $3::text, token = nextval('linqbot_fencing_tokens'), expires_at = $4::timestamptz
            FROM taken WHERE l.chat_key = taken.chat_key
            RETURNING l.token
        )
        SELECT candidate.chat_key, t.sequence, t.event_id, t.dedup_key, t.event_type, t.body, t.received_at, t.attempts,
               lease.token, s.data, s.updated_at
        FROM candidate LEFT JOIN taken AS t ON true LEFT JOIN lease ON true
        LEFT JOIN linqbot_sessions AS s ON s.chat_key = t.chat_key
        """

    var now: Date
    var passed: [String]
    var worker: String
    var expiresAt: Date

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(now)
        bindings.append(passed)
        bindings.append(worker)
        bindings.append(expiresAt)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
