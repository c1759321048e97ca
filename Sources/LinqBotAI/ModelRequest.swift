/// What a model is asked: the instructions, the conversation and the tools it may call.
public struct ModelRequest: Sendable, Hashable {
    /// The instructions.
    public var systemPrompt: String
    /// The conversation, oldest first, without the instructions.
    public var turns: [ChatTurn]
    /// The tools the model may call; empty for none.
    public var tools: [ToolDefinition]

    /// Creates a request.
    public init(systemPrompt: String, turns: [ChatTurn], tools: [ToolDefinition] = []) {
        self.systemPrompt = systemPrompt
        self.turns = turns
        self.tools = tools
    }
}
