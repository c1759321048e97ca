/// A line's reputation, as phone numbers and audit reports give it.
public struct ReputationStatus: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Healthy.
    public static let healthy = ReputationStatus(rawValue: "HEALTHY")
    /// At risk: slow down and improve engagement.
    public static let atRisk = ReputationStatus(rawValue: "AT_RISK")
    /// Critical: pause outbound.
    public static let critical = ReputationStatus(rawValue: "CRITICAL")
}
