import Foundation

extension BotApplication {
    /// `line`'s response rate over the last 7 UTC days, from the store's counters: it
    /// survives restarts and counts every instance's sends (see ``ResponseRate`` for what
    /// counts).
    ///
    /// ```swift
    /// let figure = try await app.responseRate(of: "+15555550100")
    /// print(figure.outreaches, figure.answered, figure.rate ?? 0)
    /// ```
    public func responseRate(of line: String) async throws -> ResponseRate {
        try await ResponseRateCounters(store: store).rate(line: line, now: environment.now())
    }
}
