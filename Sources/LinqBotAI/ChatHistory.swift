/// A chat's conversation with the model, kept in the chat's session and bounded both in turns
/// and in characters so that long chats neither grow the session nor the request without end.
public struct ChatHistory: Codable, Sendable, Hashable {
    /// The session key the history is stored under.
    public static let sessionKey = "ai.history"

    /// The turns, oldest first (never the system prompt).
    public private(set) var turns: [ChatTurn]
    /// What the turns that no longer fit were about, when a ``HistorySummarizer`` wrote it.
    public var summary: String?

    /// Creates a history.
    public init(turns: [ChatTurn] = []) { self.turns = turns }

    /// Adds `turn`, then drops the oldest turns until at most `maxTurns` remain and their text
    /// fits `maxCharacters`. The newest turn always stays, cut to `maxCharacters` if needed.
    /// Returns the turns dropped, oldest first.
    @discardableResult
    public mutating func append(_ turn: ChatTurn, maxTurns: Int, maxCharacters: Int) -> [ChatTurn] {
        let before = turns
        var turn = turn
        if turn.content.count > maxCharacters { turn.content = String(turn.content.suffix(maxCharacters)) }
        turns.append(turn)
        if turns.count > maxTurns { turns.removeFirst(turns.count - max(1, maxTurns)) }
        var total = turns.reduce(0) { $0 + $1.content.count }
        while total > maxCharacters, turns.count > 1 {
            total -= turns.removeFirst().content.count
        }
        // A conversation sent to the model reads better starting with the person.
        while turns.count > 1, turns.first?.role == .assistant { turns.removeFirst() }
        let kept = before.count + 1 - turns.count
        return Array(before.prefix(max(0, min(kept, before.count))))
    }
}
