public import Foundation
public import LinqModels

/// A line's status changed (Linq's `phone_number.status_updated`), as ``Bot/onLineStatusChange(_:)`` hears it.
public struct LineStatusChange: Sendable, Hashable {
    /// The line, in E.164.
    public var line: String
    /// Its status before.
    public var previous: LineStatus
    /// Its status now.
    public var status: LineStatus
    /// When the bot took the change in.
    public var at: Date

    /// Creates a change.
    public init(line: String, previous: LineStatus, status: LineStatus, at: Date) {
        self.line = line
        self.previous = previous
        self.status = status
        self.at = at
    }
}
