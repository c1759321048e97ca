import Foundation

/// The store counters behind ``ResponseRate``: per line and UTC day, outreaches begun and
/// outreaches answered; per chat, the day its open outreach began.
///
/// Keys: `linqbot.rr_sent:<line>:<yyyy-MM-dd>`, `linqbot.rr_answered:<line>:<yyyy-MM-dd>` (both
/// expire 8 days after their day) and `linqbot.rr_open:<chat>`, holding the open outreach's day
/// as days since 1970 plus one (expires after 8 days, when it could no longer count).
struct ResponseRateCounters: Sendable {
    let store: any BotStore

    /// The window, in UTC days, today included.
    static let windowDays = 7
    private static let dayLength: TimeInterval = 86_400

    static func sentKey(_ line: String, _ day: Int) -> String { "linqbot.rr_sent:\(line):\(label(day))" }
    static func answeredKey(_ line: String, _ day: Int) -> String { "linqbot.rr_answered:\(line):\(label(day))" }
    static func openKey(_ chat: String) -> String { "linqbot.rr_open:" + chat }

    /// Days since 1970 (UTC) of `date`.
    static func dayIndex(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / dayLength).rounded(.down)) }

    static func label(_ day: Int) -> String {
        LineHealthEngine.label(daysSince1970: day)
    }

    /// When the counters of `day` may go: once the day has left every window.
    private static func expiry(of day: Int) -> Date { Date(timeIntervalSince1970: Double(day + windowDays + 1) * dayLength) }

    /// Notes a proactive message in `chat`; returns `true` when it began a new outreach.
    func proactiveSent(chat: String, line: String, now: Date) async throws -> Bool {
        let today = Self.dayIndex(now)
        let open = try await store.counter(Self.openKey(chat), now: now)
        if open > 0, today - (open - 1) < Self.windowDays { return false }
        if open > 0 { try await store.resetCounter(Self.openKey(chat)) }
        _ = try await store.incrementCounter(Self.openKey(chat), by: today + 1, expiresAt: Self.expiry(of: today), now: now)
        _ = try await store.incrementCounter(Self.sentKey(line, today), by: 1, expiresAt: Self.expiry(of: today), now: now)
        return true
    }

    /// Notes the person's answer in `chat` (a message or a tapback); returns `true` when it
    /// answered an open outreach of the window.
    func answered(chat: String, line: String, now: Date) async throws -> Bool {
        let open = try await store.counter(Self.openKey(chat), now: now)
        guard open > 0 else { return false }
        try await store.resetCounter(Self.openKey(chat))
        let day = open - 1
        guard Self.dayIndex(now) - day < Self.windowDays else { return false }
        _ = try await store.incrementCounter(Self.answeredKey(line, day), by: 1, expiresAt: Self.expiry(of: day), now: now)
        return true
    }

    /// The line's figures over the window ending today.
    func rate(line: String, now: Date) async throws -> ResponseRate {
        let today = Self.dayIndex(now)
        var figure = ResponseRate(line: line, outreaches: 0, answered: 0)
        for day in (today - Self.windowDays + 1)...today {
            figure.outreaches += try await store.counter(Self.sentKey(line, day), now: now)
            figure.answered += try await store.counter(Self.answeredKey(line, day), now: now)
        }
        return figure
    }
}
