public import Foundation

/// How ``LinqClient`` retries one call before giving up.
///
/// Defaults follow Linq's own SDKs: 2 retries (3 attempts), a delay of
/// `min(0.5 s × 2ⁿ, 8 s)` scaled by a random factor in 0.75…1, on 408, 429, 5xx and
/// connection errors, and on 409 only for calls that carry an idempotency key. A
/// `retry-after-ms` or `Retry-After` answer is waited out exactly when it is at most
/// ``maxRetryAfter``; a longer one ends the call at once with ``LinqAPIError/retryAfter``
/// set, so a durable queue can wait instead of a request hanging.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// The delay before the first retry, before jitter.
    public var initialDelay: Duration
    /// The largest delay, before jitter.
    public var maxDelay: Duration
    /// The random factor applied to each delay.
    public var jitter: ClosedRange<Double>
    /// The longest `Retry-After` waited out inside one call.
    public var maxRetryAfter: Duration

    /// Creates a policy.
    public init(
        maxRetries: Int = 2, initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
        jitter: ClosedRange<Double> = 0.75...1.0, maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxRetries = max(0, maxRetries)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
    }

    /// Linq's SDK defaults.
    public static let `default` = RetryPolicy()

    /// No retries at all.
    public static let none = RetryPolicy(maxRetries: 0)

    /// The backoff before retry number `retry` (0 for the first retry).
    public func backoff(retry: Int, random: Double = Double.random(in: 0...1)) -> Duration {
        let exponent = min(retry, 30)
        let base = min(initialDelay * (1 << exponent), maxDelay)
        let factor = jitter.lowerBound + (jitter.upperBound - jitter.lowerBound) * min(max(random, 0), 1)
        return base * factor
    }

    /// Whether a response status may be retried.
    public func isRetryable(status: Int, isIdempotent: Bool) -> Bool {
        switch status {
        case 408, 429: true
        case 409: isIdempotent
        case 500...: true
        default: false
        }
    }
}

/// Reads how long a server asked us to wait.
public enum RetryAfter {
    /// The largest wait ever reported: one hour.
    public static let cap: Duration = .seconds(3600)

    /// The wait from `retry-after-ms` (milliseconds) or `Retry-After` (seconds, decimal
    /// seconds or an HTTP date), capped at one hour. Missing, negative, zero or unreadable
    /// values give `nil`.
    public static func parse(_ headers: LinqHTTPHeaders, now: Date) -> Duration? {
        if let text = headers["retry-after-ms"], let millis = Double(text.trimmingCharacters(in: .whitespaces)),
            millis.isFinite, millis > 0
        {
            return capped(seconds: millis / 1000)
        }
        guard let text = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text) {
            return seconds.isFinite && seconds > 0 ? capped(seconds: seconds) : nil
        }
        guard let date = parseHTTPDate(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        return seconds > 0 ? capped(seconds: seconds) : nil
    }

    /// A wait given in seconds (e.g. an error body's `retry_after`), capped at one hour.
    public static func capped(seconds: Double) -> Duration? {
        guard seconds.isFinite, seconds > 0 else { return nil }
        return min(Duration.milliseconds(Int64((seconds * 1000).rounded())), cap)
    }

    private static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
