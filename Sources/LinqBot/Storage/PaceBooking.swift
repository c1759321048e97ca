public import Foundation

/// A request to book one message to a line–person pair under the pair's pace: a GCRA (one
/// message per `interval` on average, up to `tolerance` ahead of that rate) that never books
/// before a 429's block ends. The store books it in one atomic statement, so instances that
/// share the store book one after the other and never together exceed the pace.
public struct PaceRequest: Sendable, Hashable {
    /// The pair (`line>handle`).
    public var pair: String
    /// The moment the message could go at the earliest (now, or later for a human-like gap).
    public var earliest: Date
    /// The latest moment worth booking: when the pair's next moment is after it, nothing is booked.
    public var latest: Date
    /// The GCRA's emission interval, in seconds.
    public var interval: Double
    /// How far ahead of the even rate a message may go (a burst), in seconds.
    public var tolerance: Double

    /// Creates a request.
    public init(pair: String, earliest: Date, latest: Date, interval: Double, tolerance: Double) {
        self.pair = pair
        self.earliest = earliest
        self.latest = latest
        self.interval = interval
        self.tolerance = tolerance
    }

    /// The moment the pair allows, given its stored theoretical arrival time and block (Unix seconds).
    public func moment(arrival: Double?, blockedUntil: Double?) -> Double {
        max(earliest.timeIntervalSince1970, (arrival ?? -.infinity) - tolerance, blockedUntil ?? -.infinity)
    }

    /// The booking a store with the pair's pace in memory makes, and the pair's theoretical
    /// arrival time after it (`nil` when nothing was booked).
    public func book(arrival: Double?, blockedUntil: Double?) -> (booking: PaceBooking, arrival: Double?) {
        let moment = moment(arrival: arrival, blockedUntil: blockedUntil)
        guard moment <= latest.timeIntervalSince1970 else { return (.tooLate(Date(timeIntervalSince1970: moment)), nil) }
        return (.booked(Date(timeIntervalSince1970: moment)), max(arrival ?? moment, moment) + interval)
    }
}

/// What ``BotStore/bookPace(_:)`` did.
public enum PaceBooking: Sendable, Hashable {
    /// The message may go at this moment, which is now booked.
    case booked(Date)
    /// The pair's next moment is this one, after the request's latest: nothing was booked.
    case tooLate(Date)
}
