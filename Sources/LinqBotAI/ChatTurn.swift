/// One message of a conversation with a model: the person's text, the model's answer (with
/// the tools it called), or a tool's result. Each model client writes it in its API's form.
public struct ChatTurn: Codable, Sendable, Hashable {
    /// Who wrote a turn.
    public enum Role: String, Codable, Sendable, Hashable {
        /// The instructions (models that take them apart get them as their system field).
        case system
        /// The person texting the bot.
        case user
        /// The model.
        case assistant
        /// A tool's result, answering one of the model's ``ChatTurn/toolCalls``.
        case tool
    }

    /// Who wrote it.
    public var role: Role
    /// What was written (a tool's result for ``Role/tool``).
    public var content: String
    /// The tools the model called in this turn (assistant turns only).
    public var toolCalls: [ToolCall]?
    /// The call this turn answers (tool turns only).
    public var toolCallID: String?
    /// Whether the tool failed; its message is the ``content``.
    public var isError: Bool?
    /// The URLs of the images the person sent with this turn (user turns only), for models
    /// that see images; kept only while the turn is the current one.
    public var imageURLs: [String]?

    /// Creates a turn.
    public init(_ role: Role, _ content: String) {
        self.role = role
        self.content = content
    }

    /// The model's turn that called `calls`, with the text it wrote before them.
    public static func assistant(_ text: String, calling calls: [ToolCall]) -> ChatTurn {
        var turn = ChatTurn(.assistant, text)
        turn.toolCalls = calls.isEmpty ? nil : calls
        return turn
    }

    /// The person's `text` with the images at `imageURLs` (none when empty).
    public static func user(_ text: String, images imageURLs: [String]) -> ChatTurn {
        var turn = ChatTurn(.user, text)
        turn.imageURLs = imageURLs.isEmpty ? nil : imageURLs
        return turn
    }

    /// What stands for `count` images where the model does not get them: a model without
    /// vision, or a later turn of the history.
    public static func imagePlaceholder(count: Int) -> String {
        count == 1 ? "[the person sent an image]" : "[the person sent \(count) images]"
    }

    /// The result of the call `id`.
    public static func toolResult(_ content: String, for id: String, isError: Bool = false) -> ChatTurn {
        var turn = ChatTurn(.tool, content)
        turn.toolCallID = id
        turn.isError = isError ? true : nil
        return turn
    }
}
