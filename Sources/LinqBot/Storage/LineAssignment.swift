/// What ``BotStore/assignLine(_:to:now:)`` did: the person's line, and whether this call assigned it.
public struct LineAssignment: Sendable, Hashable {
    /// The line the person is assigned to.
    public var line: String
    /// Whether this call assigned it (`false`: the person had that line already).
    public var isNew: Bool

    /// Creates an answer (stores build these).
    public init(line: String, isNew: Bool) {
        self.line = line
        self.isNew = isNew
    }
}
