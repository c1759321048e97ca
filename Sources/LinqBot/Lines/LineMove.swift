/// What ``BotApplication/moveConversations(from:to:)`` did.
public struct LineMove: Sendable, Hashable, Encodable {
    /// People moved to the new line.
    public var moved: Int
    /// Invitations queued (one per person, from the new line).
    public var invited: Int
    /// People moved without an invitation: they opted out.
    public var optedOut: Int

    /// Creates a summary.
    public init(moved: Int = 0, invited: Int = 0, optedOut: Int = 0) {
        self.moved = moved
        self.invited = invited
        self.optedOut = optedOut
    }

    enum CodingKeys: String, CodingKey {
        case moved, invited
        case optedOut = "opted_out"
    }
}
