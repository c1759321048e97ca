public import Foundation
import LinqModels

/// Why line health stopped a send by throwing rather than refusing it quietly.
public enum LineHealthError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The send may not go yet (quiet hours, a FLAGGED line, the day's budget, a long 429 or
    /// pacing wait): the event goes back to the queue until `until`, without counting as a
    /// failed attempt, and runs again then. Sends it already made are not made twice.
    case held(until: Date, reason: String)
    /// A reply to a message older than the configured age: not sent; the event is dead-lettered.
    case staleReply(ageSeconds: Int)

    public var description: String {
        switch self {
        case .held(let until, let reason): "held until \(LinqTimestamp.format(until)): \(reason)"
        case .staleReply(let age): "a reply to a message \(age) s old was not sent (stale)"
        }
    }
}
