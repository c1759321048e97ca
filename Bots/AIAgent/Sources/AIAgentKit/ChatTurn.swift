/// One message of a conversation with the model, as the Chat Completions API names it.
public struct ChatTurn: Codable, Sendable, Hashable {
    /// Who wrote a turn.
    public enum Role: String, Codable, Sendable, Hashable {
        /// The instructions.
        case system
        /// The person texting the bot.
        case user
        /// The model.
        case assistant
    }

    /// Who wrote it.
    public var role: Role
    /// What was written.
    public var content: String

    /// Creates a turn.
    public init(_ role: Role, _ content: String) {
        self.role = role
        self.content = content
    }
}
