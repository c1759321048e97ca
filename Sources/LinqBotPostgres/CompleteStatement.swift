import Foundation
import LinqBot
import NIOCore
import PostgresNIO

/// A batch of completions, as a prepared statement (one array per column, so one text for
/// any batch size, planned once per connection).
///
/// Each completion's fence is its lease row with the claim's worker and token: the statement
/// releases the leases whose fence holds and, for those completions only, marks the claimed
/// event and the absorbed ones done and writes the session when one is given. It returns the
/// positions (from 1) of the completions whose fence held.
struct CompleteStatement: PostgresPreparedStatement {
    typealias Row = Int

    static let sql = """
        WITH input AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bool[], $6::bytea[], $7::timestamptz[])
                WITH ORDINALITY AS completions (chat_key, worker, token, sequence, saves, data, updated_at, position)
        ), absorbed AS (
            SELECT * FROM unnest($8::bigint[], $9::bigint[]) AS absorbed (position, sequence)
        ), fence AS (
            UPDATE linqbot_leases AS l SET worker = NULL, expires_at = NULL FROM input
            WHERE l.chat_key = input.chat_key AND l.worker = input.worker AND l.token = input.token
            RETURNING input.position, input.chat_key, input.sequence, input.saves, input.data, input.updated_at
        ), finished AS (
            UPDATE linqbot_inbox AS i SET status = 'done' FROM fence
            WHERE i.chat_key = fence.chat_key
              AND (i.sequence = fence.sequence
                   OR (i.status = 'pending'
                       AND i.sequence IN (SELECT a.sequence FROM absorbed AS a WHERE a.position = fence.position)))
        ), saved AS (
            INSERT INTO linqbot_sessions (chat_key, data, updated_at)
            SELECT chat_key, data, updated_at FROM fence WHERE saves ORDER BY chat_key
            ON CONFLICT (chat_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
        )
        SELECT position::bigint FROM fence
        """

    var batch: [PostgresBotStore.Completion]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 9)
        bindings.append(batch.map(\.claim.event.chatKey))
        bindings.append(batch.map(\.claim.worker))
        bindings.append(batch.map(\.claim.fencingToken))
        bindings.append(batch.map(\.claim.sequence))
        bindings.append(batch.map { $0.session != nil })
        bindings.append(batch.map { ByteBuffer(bytes: $0.session?.data ?? Data()) })
        bindings.append(batch.map { $0.session?.updatedAt ?? Date(timeIntervalSince1970: 0) })
        var positions: [Int64] = []
        var sequences: [Int64] = []
        for (index, completion) in batch.enumerated() {
            for sequence in completion.absorbing {
                positions.append(Int64(index + 1))
                sequences.append(sequence)
            }
        }
        bindings.append(positions)
        bindings.append(sequences)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Int.self)
    }
}
