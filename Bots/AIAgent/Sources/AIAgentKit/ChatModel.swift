/// A language model that answers a conversation as a stream of text.
///
/// ``OpenAIChatModel`` talks to any server with OpenAI's Chat Completions API; tests and other
/// back ends can conform too.
public protocol ChatModel: Sendable {
    /// Answers `turns` (the system prompt first), calling `onText` with each piece of text as it
    /// arrives, in order. Returns when the answer is complete; throws when the model fails.
    func answer(_ turns: [ChatTurn], onText: @Sendable (String) async throws -> Void) async throws
}
