/// Whether a reaction request adds or removes the reaction.
public struct ReactionOperation: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Add the reaction.
    public static let add = ReactionOperation(rawValue: "add")
    /// Remove the reaction (not possible for stickers).
    public static let remove = ReactionOperation(rawValue: "remove")
}
