/// The reputation of one of our lines.
public struct LineReputation: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Healthy.
    public static let healthy = LineReputation(rawValue: "HEALTHY")
    /// At risk: slow down and review engagement.
    public static let atRisk = LineReputation(rawValue: "AT_RISK")
    /// Critical: pause outbound traffic.
    public static let critical = LineReputation(rawValue: "CRITICAL")
}
