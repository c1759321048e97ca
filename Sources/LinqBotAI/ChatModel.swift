/// A language model that answers a conversation as a stream.
///
/// LinqBotAI has three: ``ChatCompletionsModel`` (OpenAI's Chat Completions and the many
/// servers that copy it), ``ResponsesModel`` (OpenAI's Responses API) and ``AnthropicModel``
/// (Anthropic's Messages API). Tests and other back ends can conform too.
public protocol ChatModel: Sendable {
    /// Answers `request`, calling `onText` with each piece of text as it arrives, in order.
    /// Returns the whole answer (its tool calls assembled) when the stream ends; throws an
    /// ``AIModelError`` when the model fails, mid-stream included.
    func respond(to request: ModelRequest, onText: @Sendable (String) async throws -> Void) async throws -> ModelResponse
}
