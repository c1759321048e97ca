/// Whether a message came to our line or went out from it.
public struct MessageDirection: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Sent to our line by someone else.
    public static let inbound = MessageDirection(rawValue: "inbound")
    /// Sent by our line.
    public static let outbound = MessageDirection(rawValue: "outbound")
}
