/// The order of `GET /v3/messages/{messageId}/thread` results (query `order`).
public struct ThreadOrder: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Oldest first (Linq's default).
    public static let ascending = ThreadOrder(rawValue: "asc")
    /// Newest first.
    public static let descending = ThreadOrder(rawValue: "desc")
}
