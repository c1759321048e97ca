public import Foundation
public import LinqBot
import SQLiteNIO

extension SQLiteBotStore {
    /// Books the pair's next moment (see ``SQLitePaceLedger``: in memory, written within a second).
    public func bookPace(_ request: PaceRequest) async throws -> PaceBooking {
        try await paces.book(request)
    }

    /// Blocks the pair until `until`, unless it is blocked longer already.
    public func blockPace(pair: String, until: Date) async throws {
        try await paces.block(pair: pair, until: until)
    }

    /// Deletes the paces of the handle's pairs (`line>handle`), here and in the file.
    public func erasePaces(handle: String) async throws {
        try await paces.erase(handle: handle)
    }

    /// The pair's stored pace, if it has a row.
    static func storedPace(_ pair: String, reader: SQLiteWriter) async throws -> SQLitePaceLedger.Pace? {
        try await reader.withConnection { db in
            try await db.rows("SELECT arrival, blocked_until FROM pair_paces WHERE pair = ?", [.text(pair)]).first.map { row in
                SQLitePaceLedger.Pace(arrival: try row.double("arrival"), blockedUntil: try row.double("blocked_until"))
            }
        }
    }

    /// Applies the ledger's writes in order: rows stored (a later arrival or block wins, so
    /// the order of two flushes does not matter), or a handle's pairs deleted.
    static func pace(_ writes: [SQLitePaceLedger.Write], db: SQLiteConnection) async throws {
        for write in writes {
            switch write {
            case .store(let rows):
                // One statement per chunk of rows, not one per pair: a flush after a busy second
                // holds a row for every person written to.
                let all = Array(rows)
                for start in stride(from: 0, to: all.count, by: paceRowsPerStatement) {
                    let chunk = all[start..<min(start + paceRowsPerStatement, all.count)]
                    try await db.run(
                        """
                        INSERT INTO pair_paces (pair, arrival, blocked_until, booked) VALUES \(placeholders(rows: chunk.count, columns: 4))
                        ON CONFLICT (pair) DO UPDATE SET
                            arrival = max(pair_paces.arrival, excluded.arrival),
                            blocked_until = max(pair_paces.blocked_until, excluded.blocked_until)
                        """,
                        chunk.flatMap { pair, pace -> [SQLiteData] in [.text(pair), .float(pace.arrival), .float(pace.blockedUntil), .integer(0)] }
                    )
                }
            case .erase(let handle):
                try await db.run("DELETE FROM pair_paces WHERE substr(pair, -length(?1) - 1) = '>' || ?1", [.text(handle)])
            }
        }
    }

    /// Rows per statement in a pace flush: 4 values each, far under SQLite's limit on bound values.
    static let paceRowsPerStatement = 500
}
