import Foundation

/// How a line new to the bot warms up: the first contacts (people it texts first who had no
/// line yet) it may take each UTC day, from ``firstDay`` growing by ``growth`` every
/// ``period`` days, up to the daily budget. Linq advises ramping a new line up gradually.
///
/// ```swift
/// var pool = LinePoolConfiguration()
/// pool.rampUp = LineRampUp(firstDay: 10, growth: 2, period: 7)
/// ```
public struct LineRampUp: Sendable, Hashable {
    /// First contacts a day in the line's first period.
    public var firstDay: Int
    /// What the daily number is multiplied by at the start of each period.
    public var growth: Double
    /// The length of a period, in days.
    public var period: Int

    /// Creates a schedule; by default 20 first contacts a day, doubling every week.
    public init(firstDay: Int = 20, growth: Double = 2, period: Int = 7) {
        self.firstDay = max(1, firstDay)
        self.growth = max(1, growth)
        self.period = max(1, period)
    }

    /// The first contacts allowed on the line's day `age` (0: the day it was first seen), at most `budget`.
    public func limit(ageInDays age: Int, budget: Int) -> Int {
        let periods = max(0, age) / period
        let grown = Double(firstDay) * pow(growth, Double(periods))
        return grown >= Double(budget) ? budget : Int(grown)
    }
}
