/// The tokens one model call used, as its API reported them.
public struct TokenUsage: Sendable, Hashable, Codable {
    /// Tokens read (the prompt).
    public var inputTokens: Int
    /// Tokens written (the answer, tool calls included).
    public var outputTokens: Int

    /// Creates a count.
    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}
