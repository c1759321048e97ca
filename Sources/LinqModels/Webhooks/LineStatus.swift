/// The service status of one of our lines.
public struct LineStatus: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The line can send.
    public static let active = LineStatus(rawValue: "ACTIVE")
    /// The line has been flagged by the carrier or Apple.
    public static let flagged = LineStatus(rawValue: "FLAGGED")
}
