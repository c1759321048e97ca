/// A string-backed value set that keeps values it does not know.
///
/// Linq adds enum values over time (new services, reaction types, statuses). A type that
/// conforms decodes any string, so an unknown value is kept rather than failing the whole
/// payload; known values are static members and compare with `==` or in a `switch`.
///
/// ```swift
/// switch message.service {
/// case .iMessage: ...
/// case .sms: ...
/// default: logger.info("new service \(message.service)")
/// }
/// ```
public protocol LinqStringValue: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral where RawValue == String
{
    /// Wraps a raw value, known or not.
    init(rawValue: String)
}

extension LinqStringValue {
    /// Wraps a literal value.
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// The raw value.
    public var description: String { rawValue }

    /// Decodes any string.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the raw string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
