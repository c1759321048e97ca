public import Foundation
public import LinqBot
import SQLiteNIO

/// A change to one line–person pair's pace, applied in the order the changes were submitted.
enum PaceChange: Sendable {
    case book(PaceRequest)
    case block(pair: String, until: Date)
}

extension SQLiteBotStore {
    /// Books the pair's next moment in the next group commit, one statement.
    public func bookPace(_ request: PaceRequest) async throws -> PaceBooking {
        guard case .paced(let booking) = try await batcher.submit(.pace(.book(request))) else {
            throw BotStoreError.unavailable("the group commit answered a pace booking with another write's result")
        }
        return booking
    }

    /// Blocks the pair until `until` in the next group commit.
    public func blockPace(pair: String, until: Date) async throws {
        _ = try await batcher.submit(.pace(.block(pair: pair, until: until)))
    }

    /// Deletes the paces of the handle's pairs (`line>handle`).
    public func erasePaces(handle: String) async throws {
        try await writer.transaction { db in
            try await db.run("DELETE FROM pair_paces WHERE substr(pair, -length(?1) - 1) = '>' || ?1", [.text(handle)])
        }
    }

    /// Applies pace changes in order, one statement each; returns each booking's outcome (`nil` for a block).
    static func pace(_ changes: [PaceChange], db: SQLiteConnection) async throws -> [PaceBooking?] {
        var outcomes: [PaceBooking?] = []
        outcomes.reserveCapacity(changes.count)
        for change in changes {
            switch change {
            case .block(let pair, let until):
                try await db.run(
                    """
                    INSERT INTO pair_paces (pair, arrival, blocked_until, booked) VALUES (?1, 0, ?2, 0)
                    ON CONFLICT (pair) DO UPDATE SET blocked_until = max(pair_paces.blocked_until, excluded.blocked_until)
                    """,
                    [.text(pair), .time(until)]
                )
                outcomes.append(nil)
            case .book(let request):
                outcomes.append(try await book(request, db: db))
            }
        }
        return outcomes
    }

    /// The GCRA in one statement: the moment is the latest of the request's earliest, the
    /// arrival time less the tolerance and the block's end; when it is within the request's
    /// latest, the arrival time moves one interval past it. (In an upsert's `SET`, the
    /// columns are the row's values before the update.)
    private static func book(_ request: PaceRequest, db: SQLiteConnection) async throws -> PaceBooking {
        let binds: [SQLiteData] = [
            .text(request.pair), .time(request.earliest), .time(request.latest), .float(request.interval), .float(request.tolerance),
        ]
        let booked = try await db.rows(
            """
            INSERT INTO pair_paces AS p (pair, arrival, blocked_until, booked)
            SELECT ?1, ?2 + ?4, 0, ?2 WHERE ?2 <= ?3
            ON CONFLICT (pair) DO UPDATE SET
                booked = max(?2, p.arrival - ?5, p.blocked_until),
                arrival = max(p.arrival, ?2, p.arrival - ?5, p.blocked_until) + ?4
            WHERE max(?2, p.arrival - ?5, p.blocked_until) <= ?3
            RETURNING booked
            """,
            binds
        )
        if let moment = booked.first?.column("booked")?.double { return .booked(Date(timeIntervalSince1970: moment)) }
        let row = try await db.rows("SELECT arrival, blocked_until FROM pair_paces WHERE pair = ?", [.text(request.pair)]).first
        let moment = request.moment(arrival: row?.column("arrival")?.double, blockedUntil: row?.column("blocked_until")?.double)
        return .tooLate(Date(timeIntervalSince1970: moment))
    }
}
