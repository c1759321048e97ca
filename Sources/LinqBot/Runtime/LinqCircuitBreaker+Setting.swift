extension LinqCircuitBreaker {
    /// Which breaker a ``BotApplication`` puts on its client's writes to Linq.
    public enum Setting: Sendable {
        /// A breaker of the application's own for its client's base URL, with these
        /// thresholds (the default, with the reliability plan's).
        case own(CircuitBreakerPolicy)
        /// This breaker, shared with other applications of the process that write to the same
        /// base URL, so they open and close together; its base URL must be the client's.
        case shared(LinqCircuitBreaker)
        /// None: every write goes to Linq however it is doing.
        case off
    }
}
