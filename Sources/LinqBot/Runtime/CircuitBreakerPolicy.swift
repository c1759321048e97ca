import LinqAPI

/// When a ``LinqCircuitBreaker`` opens, how long it stays open and how it tests Linq again.
///
/// The defaults follow the reliability plan (resilience4j's, scaled to bot volume): open at
/// 50 % failures or more over at least 20 calls in a sliding 30 s window; stay open 30 s; then
/// let 3 probe calls through; close once they all succeed, open again for another 30 s as soon
/// as one fails.
public struct CircuitBreakerPolicy: Sendable, Hashable {
    /// The share of failed calls (0–1) in the window at or above which the breaker opens.
    public var failureRate: Double
    /// The fewest calls in the window before the failure rate counts at all.
    public var minimumCalls: Int
    /// How far back the failure rate looks.
    public var window: Duration
    /// How long the breaker stays open before it lets probes through.
    public var openDuration: Duration
    /// How many probe calls it lets through when half-open; all must succeed for it to close.
    public var probes: Int
    /// How long a call refused while the probes are still out waits before it asks again.
    public var probeWait: Duration

    /// Creates a policy; the defaults are the reliability plan's.
    public init(
        failureRate: Double = 0.5, minimumCalls: Int = 20, window: Duration = .seconds(30), openDuration: Duration = .seconds(30),
        probes: Int = 3, probeWait: Duration = .seconds(2)
    ) {
        self.failureRate = failureRate
        self.minimumCalls = minimumCalls
        self.window = window
        self.openDuration = openDuration
        self.probes = probes
        self.probeWait = probeWait
    }

    /// Throws a ``LinqAPI/LinqConfigurationError`` saying what to fix when a setting cannot work.
    public func validate() throws {
        guard failureRate > 0, failureRate <= 1 else {
            throw LinqConfigurationError("The circuit breaker's failure rate is \(failureRate); use a share above 0 and at most 1, such as 0.5.")
        }
        guard minimumCalls >= 1 else {
            throw LinqConfigurationError("The circuit breaker's minimum number of calls is \(minimumCalls); use 1 or more, such as 20.")
        }
        guard window >= .seconds(1), openDuration > .zero, probeWait > .zero else {
            throw LinqConfigurationError(
                "The circuit breaker's window (\(window)), open time (\(openDuration)) and probe wait (\(probeWait)) must be positive (the window at least 1 s)."
            )
        }
        guard probes >= 1 else { throw LinqConfigurationError("The circuit breaker lets \(probes) probes through; use 1 or more, such as 3.") }
    }
}
