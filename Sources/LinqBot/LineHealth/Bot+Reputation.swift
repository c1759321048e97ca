import Foundation

extension Bot {
    /// `line`'s response rate over the last 7 UTC days, from the store's counters: it
    /// survives restarts and counts every instance's sends (see ``ResponseRate`` for what
    /// counts). Without a running bot this throws ``BotRuntimeError/notRunning``.
    ///
    /// ```swift
    /// let figure = try await bot.responseRate(of: "+15555550100")
    /// print(figure.outreaches, figure.answered, figure.rate ?? 0)
    /// ```
    public func responseRate(of line: String) async throws -> ResponseRate {
        let runtime = try requireRuntime()
        return try await ResponseRateCounters(store: runtime.store).rate(line: line, now: runtime.now())
    }
}
