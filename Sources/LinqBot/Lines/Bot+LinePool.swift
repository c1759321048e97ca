extension Bot {
    /// Sets the line pool: which lines the bot spreads new people over, and how a new line ramps
    /// up (see ``LinePoolConfiguration``). The pool is there without this call, over every line
    /// of the account with the default ramp-up.
    ///
    /// ```swift
    /// bot.useLinePool(LinePoolConfiguration(lines: ["+15555550100", "+15555550101"]))
    /// ```
    public func useLinePool(_ configuration: LinePoolConfiguration) {
        register("the line pool") { $0.linePool = configuration }
    }

    /// Changes the line pool's current settings in place (a host applies `LINQBOT_LINES` this way).
    public func adjustLinePool(_ change: (inout LinePoolConfiguration) -> Void) {
        register("the line pool") { change(&$0.linePool) }
    }

    /// Runs `handler` once for each change of a line's status (Linq's `phone_number.status_updated`,
    /// taken in by line health): a FLAGGED line gets no new people and holds proactive sends to
    /// its people; see ``BotApplication/moveConversations(from:to:)`` to move them. A handler
    /// that throws is logged; the change stands.
    ///
    /// ```swift
    /// bot.onLineStatusChange { change in
    ///     if change.status == .flagged { alertOperators("\(change.line) is FLAGGED") }
    /// }
    /// ```
    public func onLineStatusChange(_ handler: @escaping @Sendable (LineStatusChange) async throws -> Void) {
        register("a line-status hook") { $0.lineStatusHandler = handler }
    }
}
