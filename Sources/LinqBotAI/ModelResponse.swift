/// A model's whole answer once its stream ended: the text (also streamed as it came), the
/// tools it called, and the tokens it reported.
public struct ModelResponse: Sendable, Hashable {
    /// The text, joined.
    public var text: String
    /// The tools called, in the order the model began them.
    public var toolCalls: [ToolCall]
    /// The tokens used, when the API reported them.
    public var usage: TokenUsage?

    /// Creates a response.
    public init(text: String = "", toolCalls: [ToolCall] = [], usage: TokenUsage? = nil) {
        self.text = text
        self.toolCalls = toolCalls
        self.usage = usage
    }
}
