/// Why the line pool could not give a person a line.
public enum LinePoolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pool has no lines: none configured and the account lists none (or could not be read).
    case noLines(String)
    /// No line may take a new person now; `reasons` says why, line by line.
    case noLineAvailable(reasons: [String: String])
    /// A line named in a call is not one of the pool's.
    case unknownLine(String)

    /// Says what happened, for logs and admin answers.
    public var description: String {
        switch self {
        case .noLines(let why): "the line pool has no lines: \(why)"
        case .noLineAvailable(let reasons):
            "no line can take a new person now (" + reasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ") + ")"
        case .unknownLine(let line): "\(line) is not one of the bot's lines"
        }
    }
}
