/// Why the model gave no answer. The agent sends its fallback message instead.
public enum AIModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server could not be reached, or the connection broke.
    case unreachable(String)
    /// The server answered with an error status (`0`: an error inside the stream) and message.
    case status(Int, String)
    /// The stream showed no progress for the configured timeout.
    case timedOut
    /// The stream held something the API does not send.
    case malformed(String)

    /// What went wrong, for logs.
    public var description: String {
        switch self {
        case .unreachable(let reason): "the model server cannot be reached: \(reason)"
        case .status(let status, let message): "the model server answered \(status): \(message)"
        case .timedOut: "the model showed no progress within the timeout"
        case .malformed(let reason): "the model server sent \(reason)"
        }
    }
}
