public import Foundation
public import LinqAPI
import LinqModels
public import Logging
import Metrics
import Synchronization

/// Stops writing to Linq for a while when Linq itself is failing, so an outage costs neither
/// requests nor the attempts of queued events.
///
/// It runs around every HTTP attempt of a ``LinqAPI/LinqClient`` (a client interceptor) and
/// looks at the writes (every method but GET) to its base URL; reads and other hosts (presigned
/// uploads) pass untouched. A failure is a 5xx answer, a timeout or a broken connection; any
/// other answer, 4xx and 429 included, is a success (Linq answered; line health's pacing deals
/// with 429). With ``CircuitBreakerPolicy``'s defaults it opens at 50 % failures or more over at
/// least 20 writes in a sliding 30 s window, refuses writes for 30 s, then lets 3 probes through:
/// all three succeed and it closes, one fails and it opens for another 30 s.
///
/// A refused write throws ``LinqAPI/LinqAPIError`` of kind
/// ``LinqAPI/LinqAPIError/Kind/circuitOpen`` with ``LinqAPI/LinqAPIError/retryAfter`` set to the
/// wait; a ``BotApplication`` then holds the event until that time without counting an attempt.
/// An in-call retry refused this way ends the call with the failure it met (see
/// ``LinqAPI/LinqClient``).
///
/// A ``BotApplication`` makes one for its client's base URL (``BotApplication/Configuration/circuitBreaker``);
/// applications of one process that write to the same base URL share one by passing it to each.
/// Its state and transitions are logged and exported as metrics:
///
/// | Name | Kind | Dimensions |
/// | --- | --- | --- |
/// | `linqbot_linq_circuit_state` | gauge | `base_url`; 0 closed, 1 half-open, 2 open |
/// | `linqbot_linq_circuit_transitions_total` | counter | `base_url`, `to`: `open`, `half_open`, `closed` |
/// | `linqbot_linq_circuit_refused_total` | counter | `base_url` |
public final class LinqCircuitBreaker: LinqClientInterceptor, Sendable {
    /// Where the breaker stands.
    public enum State: String, Sendable, Hashable {
        /// Writes pass and are counted.
        case closed
        /// Writes are refused.
        case open
        /// Probe writes pass; the rest are refused.
        case halfOpen = "half_open"
    }

    /// The base URL whose writes it watches.
    public let baseURL: URL
    /// Its thresholds.
    public let policy: CircuitBreakerPolicy
    private let prefix: String
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let machine: Mutex<CircuitBreakerMachine>

    /// Creates a closed breaker for the writes to `baseURL`, reading the time from `now` (a
    /// test passes its virtual wall clock).
    public init(
        baseURL: URL, policy: CircuitBreakerPolicy = CircuitBreakerPolicy(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "linqbot.circuit")
    ) {
        self.baseURL = baseURL
        self.policy = policy
        var prefix = baseURL.absoluteString
        while prefix.hasSuffix("/") { prefix.removeLast() }
        self.prefix = prefix
        self.now = now
        self.logger = logger
        self.machine = Mutex(CircuitBreakerMachine(policy: policy))
        Gauge(label: "linqbot_linq_circuit_state", dimensions: [("base_url", prefix)]).record(0)
    }

    /// Where the breaker stands now (an open breaker whose time is up reads as half-open).
    public var state: State {
        let (phase, date) = machine.withLock { ($0.phase, now()) }
        switch phase {
        case .closed: return .closed
        case .halfOpen: return .halfOpen
        case .open(let until): return date >= until ? .halfOpen : .open
        }
    }

    /// When an open breaker lets probes through; `nil` when it is not open.
    public var opensForProbesAt: Date? {
        let (phase, date) = machine.withLock { ($0.phase, now()) }
        guard case .open(let until) = phase, until > date else { return nil }
        return until
    }

    /// Throws the refusal any write would get now while the breaker is open (not half-open),
    /// so the send path can skip the work before a write that cannot go (a pacing slot).
    func refuseIfOpen() throws {
        guard let until = opensForProbesAt else { return }
        Counter(label: "linqbot_linq_circuit_refused_total", dimensions: [("base_url", prefix)]).increment()
        throw refusal("a message", until: until, now: now())
    }

    private func refusal(_ what: String, until: Date, now date: Date) -> LinqAPIError {
        let wait = max(until.timeIntervalSince(date), 0.001)
        return LinqAPIError(
            kind: .circuitOpen, message: "\(what): not sent, the circuit breaker for \(prefix) is open",
            retryAfter: .milliseconds(Int64((wait * 1000).rounded(.up)))
        )
    }

    /// Whether the breaker watches `request`: a write to its base URL.
    public func watches(_ request: LinqHTTPRequest) -> Bool {
        guard request.method != .get else { return false }
        let url = request.url.absoluteString
        return url.hasPrefix(prefix + "/") || url == prefix
    }

    /// Refuses a watched write while open (or while the probes are out), else sends it and
    /// counts its outcome.
    public func intercept(
        _ request: LinqHTTPRequest, attempt: Int, next: @Sendable (LinqHTTPRequest) async throws -> LinqHTTPResponse
    ) async throws -> LinqHTTPResponse {
        guard watches(request) else { return try await next(request) }
        let date = now()
        let (admission, transition) = machine.withLock { $0.admit(now: date) }
        if let transition { report(transition) }
        let ticket: CircuitBreakerMachine.Ticket
        switch admission {
        case .refuse(let until):
            Counter(label: "linqbot_linq_circuit_refused_total", dimensions: [("base_url", prefix)]).increment()
            throw refusal("\(request.method) \(request.url.path)", until: until, now: date)
        case .pass(let granted):
            ticket = granted
        }
        do {
            let response = try await next(request)
            finish(ticket, failed: response.status >= 500)
            return response
        } catch {
            if error is CancellationError || Task.isCancelled {
                machine.withLock { $0.release(ticket) }
            } else {
                finish(ticket, failed: true)
            }
            throw error
        }
    }

    private func finish(_ ticket: CircuitBreakerMachine.Ticket, failed: Bool) {
        let date = now()
        if let transition = machine.withLock({ $0.record(ticket, failed: failed, now: date) }) { report(transition) }
    }

    private func report(_ phase: CircuitBreakerMachine.Phase) {
        let (name, value): (String, Int)
        switch phase {
        case .closed:
            (name, value) = ("closed", 0)
            logger.notice("Linq circuit breaker closed: its probes succeeded, writes flow again", metadata: ["linq.base_url": "\(prefix)"])
        case .halfOpen:
            (name, value) = ("half_open", 1)
            logger.notice(
                "Linq circuit breaker half-open: letting \(policy.probes) probe writes through", metadata: ["linq.base_url": "\(prefix)"]
            )
        case .open(let until):
            (name, value) = ("open", 2)
            logger.warning(
                "Linq circuit breaker open: Linq is failing, writes are held",
                metadata: ["linq.base_url": "\(prefix)", "linq.until": "\(LinqTimestamp.format(until))"]
            )
        }
        Gauge(label: "linqbot_linq_circuit_state", dimensions: [("base_url", prefix)]).record(value)
        Counter(label: "linqbot_linq_circuit_transitions_total", dimensions: [("base_url", prefix), ("to", name)]).increment()
    }
}
