public import Foundation
public import LinqModels

/// One line of the pool as it stands (``BotApplication/lines()``, `GET /admin/lines`).
public struct LineReport: Sendable, Hashable, Encodable {
    /// The line, in E.164.
    public var line: String
    /// ACTIVE or FLAGGED, as line health last heard.
    public var status: LineStatus
    /// Messages in and out today (UTC), counted against the daily budget.
    public var messagesToday: Int
    /// The daily budget.
    public var dailyBudget: Int
    /// The 7-day response rate (0–1), `nil` without outreaches.
    public var responseRate: Double?
    /// Outreaches in the 7-day window.
    public var outreaches: Int
    /// The UTC day the bot first saw the line.
    public var firstSeen: Date?
    /// Days since then.
    public var ageInDays: Int
    /// The first contacts it may take today while it ramps up; `nil`: no ramp-up applies.
    public var rampUpLimit: Int?
    /// First contacts it took today.
    public var firstContactsToday: Int
    /// People assigned to it.
    public var people: Int
    /// Why it takes no new people now; `nil` when it does.
    public var closedBecause: String?

    /// Messages left in today's budget.
    public var budgetLeft: Int { max(0, dailyBudget - messagesToday) }

    enum CodingKeys: String, CodingKey {
        case line, status, people, outreaches
        case messagesToday = "messages_today"
        case dailyBudget = "daily_budget"
        case responseRate = "response_rate"
        case firstSeen = "first_seen"
        case ageInDays = "age_days"
        case rampUpLimit = "ramp_up_limit"
        case firstContactsToday = "first_contacts_today"
        case closedBecause = "closed_because"
        case budgetLeft = "budget_left"
    }

    /// Encodes every field, absent ones as `null`, with snake_case keys (the admin API's `GET /admin/lines`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(status.rawValue, forKey: .status)
        try container.encode(messagesToday, forKey: .messagesToday)
        try container.encode(dailyBudget, forKey: .dailyBudget)
        try container.encode(budgetLeft, forKey: .budgetLeft)
        try container.encode(responseRate, forKey: .responseRate)
        try container.encode(outreaches, forKey: .outreaches)
        try container.encode(firstSeen, forKey: .firstSeen)
        try container.encode(ageInDays, forKey: .ageInDays)
        try container.encode(rampUpLimit, forKey: .rampUpLimit)
        try container.encode(firstContactsToday, forKey: .firstContactsToday)
        try container.encode(people, forKey: .people)
        try container.encode(closedBecause, forKey: .closedBecause)
    }
}
