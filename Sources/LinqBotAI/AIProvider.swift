public import AsyncHTTPClient
public import Foundation

/// The API a model is reached through.
public enum AIProvider: String, Sendable, Hashable, CaseIterable {
    /// OpenAI's Chat Completions (`<base>/chat/completions`), also spoken by Ollama, llama.cpp,
    /// vLLM and most gateways.
    case chatCompletions = "chat-completions"
    /// OpenAI's Responses API (`<base>/responses`).
    case responses
    /// Anthropic's Messages API (`<base>/messages`).
    case anthropic

    /// The base URL used when none is configured.
    public var defaultBaseURL: URL {
        switch self {
        case .chatCompletions: URL(string: "http://127.0.0.1:11434/v1")!
        case .responses: URL(string: "https://api.openai.com/v1")!
        case .anthropic: URL(string: "https://api.anthropic.com/v1")!
        }
    }
}

extension AIAgentConfiguration {
    /// The model client these settings describe, its requests through `client`.
    public func makeModel(client: HTTPClient = .shared) -> any ChatModel {
        switch provider {
        case .chatCompletions:
            ChatCompletionsModel(baseURL: baseURL, model: model, apiKey: apiKey, temperature: temperature, maxOutputTokens: maxOutputTokens, client: client)
        case .responses:
            ResponsesModel(baseURL: baseURL, model: model, apiKey: apiKey, temperature: temperature, maxOutputTokens: maxOutputTokens, client: client)
        case .anthropic:
            AnthropicModel(
                baseURL: baseURL, model: model, apiKey: apiKey, temperature: temperature, maxOutputTokens: maxOutputTokens ?? 1024, client: client
            )
        }
    }
}
