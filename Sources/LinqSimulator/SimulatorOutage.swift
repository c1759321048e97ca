public import Foundation

/// An outage of the simulated Linq: a share of API calls answered 503, left hanging, or cut
/// off, each drawn independently per call, until a given time or for good.
///
/// Set from the start with ``SimulatorConfiguration/Faults`` (`linqbot simulator
/// --fault-503-rate … --fault-timeout-rate … --fault-reset-rate …`), or at any moment with
/// `POST /sim/faults`.
public struct SimulatorOutage: Sendable, Hashable {
    /// What a faulty call meets.
    public enum Fault: String, Sendable, Hashable, Encodable {
        /// Answered 503 / 4004 without doing anything.
        case unavailable
        /// Carried out, but the answer never comes: the connection stays open, silent, for
        /// ``SimulatorOutage/hang`` and is then closed (the caller's timeout ends it first).
        case timeout
        /// The connection is reset without an answer, before anything is done.
        case reset
    }

    /// Chance (0–1) that a call is answered 503.
    public var unavailableRate: Double
    /// Chance (0–1) that a call's answer never comes.
    public var timeoutRate: Double
    /// Chance (0–1) that a call's connection is reset.
    public var resetRate: Double
    /// How long a hanging call is held before its connection is closed.
    public var hang: Duration
    /// When the outage ends; `nil` for never.
    public var until: Date?

    /// Creates an outage; the default is none.
    public init(unavailableRate: Double = 0, timeoutRate: Double = 0, resetRate: Double = 0, hang: Duration = .seconds(30), until: Date? = nil) {
        self.unavailableRate = unavailableRate
        self.timeoutRate = timeoutRate
        self.resetRate = resetRate
        self.hang = hang
        self.until = until
    }

    /// The problem with the rates, if any: each 0–1, together at most 1.
    public var problem: String? {
        for (name, rate) in [("unavailable_rate", unavailableRate), ("timeout_rate", timeoutRate), ("reset_rate", resetRate)] where !(0...1).contains(rate) {
            return "\(name) must be between 0 and 1, not \(rate)."
        }
        guard unavailableRate + timeoutRate + resetRate <= 1 + 1e-9 else { return "The fault rates add up to more than 1." }
        return nil
    }

    /// The fault a call meets at `now` for a uniform draw `unit` in 0..<1, or `nil`.
    func fault(now: Date, unit: Double) -> Fault? {
        if let until, now >= until { return nil }
        if unit < unavailableRate { return .unavailable }
        if unit < unavailableRate + timeoutRate { return .timeout }
        if unit < unavailableRate + timeoutRate + resetRate { return .reset }
        return nil
    }

    /// Whether any call can meet a fault.
    var isActive: Bool { unavailableRate + timeoutRate + resetRate > 0 }
}

/// What the HTTP layer does instead of answering normally, for an outage's hanging or reset calls.
public enum SimulatorTransportFault: Sendable, Hashable {
    /// Close the connection at once, without an answer.
    case reset
    /// Say nothing for this long, then close the connection.
    case hang(Duration)
}
