public import Foundation
public import LinqBot
import PostgresNIO

extension PostgresBotStore {
    /// The GCRA in one statement: the moment is the latest of the request's earliest, the
    /// arrival time less the tolerance and the block's end; when it is within the request's
    /// latest, the arrival time moves one interval past it. The upsert locks the pair's row, so
    /// concurrent bookings from any instance take their moments one after the other. (In the
    /// `SET`, the columns are the row's values before the update.)
    public func bookPace(_ request: PaceRequest) async throws -> PaceBooking {
        let (earliest, latest) = (request.earliest.timeIntervalSince1970, request.latest.timeIntervalSince1970)
        let (interval, tolerance) = (request.interval, request.tolerance)
        let booked = try await rows(
            """
            INSERT INTO linqbot_pair_paces AS p (pair, arrival, blocked_until, booked)
            SELECT \(request.pair), \(earliest)::float8 + \(interval)::float8, 0, \(earliest)::float8 WHERE \(earliest)::float8 <= \(latest)::float8
            ON CONFLICT (pair) DO UPDATE SET
                booked = GREATEST(\(earliest)::float8, p.arrival - \(tolerance)::float8, p.blocked_until),
                arrival = GREATEST(p.arrival, \(earliest)::float8, p.arrival - \(tolerance)::float8, p.blocked_until) + \(interval)::float8
            WHERE GREATEST(\(earliest)::float8, p.arrival - \(tolerance)::float8, p.blocked_until) <= \(latest)::float8
            RETURNING booked
            """,
            as: Double.self
        )
        if let moment = booked.first { return .booked(Date(timeIntervalSince1970: moment)) }
        let pace = try await rows(
            "SELECT arrival, blocked_until FROM linqbot_pair_paces WHERE pair = \(request.pair)", as: (Double, Double).self
        ).first
        return .tooLate(Date(timeIntervalSince1970: request.moment(arrival: pace?.0, blockedUntil: pace?.1)))
    }

    /// Deletes the paces of the handle's pairs (`line>handle`).
    public func erasePaces(handle: String) async throws {
        try await execute("DELETE FROM linqbot_pair_paces WHERE right(pair, length(\(handle)) + 1) = '>' || \(handle)")
    }

    /// Blocks the pair until `until`, unless it is blocked longer already.
    public func blockPace(pair: String, until: Date) async throws {
        try await execute(
            """
            INSERT INTO linqbot_pair_paces AS p (pair, arrival, blocked_until, booked) VALUES (\(pair), 0, \(until.timeIntervalSince1970), 0)
            ON CONFLICT (pair) DO UPDATE SET blocked_until = GREATEST(p.blocked_until, excluded.blocked_until)
            """
        )
    }
}
