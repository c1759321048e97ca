public import AsyncHTTPClient
public import Foundation
public import LinqAPI
import LinqModels
public import NIOCore

/// A ``ChatModel`` on any server that speaks OpenAI's Chat Completions API with streaming
/// (`POST <baseURL>/chat/completions`, `stream: true`): OpenAI, gateways, and local servers such
/// as Ollama, llama.cpp or vLLM. Reads text deltas, tool calls (their arguments in pieces,
/// several at once), usage and errors sent inside the stream.
///
/// ```swift
/// let model = ChatCompletionsModel(baseURL: URL(string: "https://api.openai.com/v1")!, model: "gpt-4o-mini", apiKey: Secret(key))
/// let answer = try await model.respond(to: ModelRequest(systemPrompt: "Be brief.", turns: [ChatTurn(.user, "Hi!")])) { print($0, terminator: "") }
/// ```
public struct ChatCompletionsModel: ChatModel {
    /// The API's base URL.
    public var baseURL: URL
    /// The model name.
    public var model: String
    /// The bearer token, when the server needs one.
    public var apiKey: Secret?
    /// The sampling temperature, when set.
    public var temperature: Double?
    /// The most tokens an answer may have, when set.
    public var maxOutputTokens: Int?
    /// The longest a whole answer may take (a backstop; the agent's own timeout is on its clock).
    public var requestDeadline: TimeAmount
    private let client: HTTPClient

    /// Creates a model client; requests go through `client` (the shared one by default).
    public init(
        baseURL: URL, model: String, apiKey: Secret? = nil, temperature: Double? = nil, maxOutputTokens: Int? = nil,
        requestDeadline: TimeAmount = .minutes(5), client: HTTPClient = .shared
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.temperature = temperature
        self.maxOutputTokens = maxOutputTokens
        self.requestDeadline = requestDeadline
        self.client = client
    }

    /// The URL requests go to.
    public var endpoint: URL { baseURL.appendingPathComponent("chat/completions") }

    /// Sends `request` and streams the answer's text to `onText`.
    public func respond(to request: ModelRequest, onText: @Sendable (String) async throws -> Void) async throws -> ModelResponse {
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("Authorization", "Bearer \(apiKey.reveal())")) }
        var response = ModelResponse()
        var calls = ToolCallAssembler()
        try await ModelEventStream(client: client, deadline: requestDeadline).post(endpoint, headers: headers, body: body(for: request)) { event in
            let data = event.data.trimmingCharacters(in: .whitespaces)
            if data == "[DONE]" { return true }
            guard !data.isEmpty else { return false }
            let chunk = try ModelEventStream.json(data)
            if chunk["error"] != nil { throw AIModelError.status(0, ModelEventStream.errorMessage(in: chunk)) }
            if let usage = chunk["usage"], let input = usage["prompt_tokens"]?.intValue, let output = usage["completion_tokens"]?.intValue {
                response.usage = TokenUsage(inputTokens: input, outputTokens: output)
            }
            guard case .array(let choices)? = chunk["choices"] else { return false }
            for choice in choices {
                guard let delta = choice["delta"] else { continue }
                if let text = delta["content"]?.stringValue, !text.isEmpty {
                    response.text += text
                    try await onText(text)
                }
                guard case .array(let pieces)? = delta["tool_calls"] else { continue }
                for piece in pieces {
                    let key = piece["index"]?.intValue.map { String($0) } ?? piece["id"]?.stringValue ?? "0"
                    calls.add(
                        key, id: piece["id"]?.stringValue, name: piece["function"]?["name"]?.stringValue,
                        arguments: piece["function"]?["arguments"]?.stringValue
                    )
                }
            }
            return false
        }
        response.toolCalls = calls.finish()
        return response
    }

    /// The request body: the instructions first, tool calls and results in the API's form.
    func body(for request: ModelRequest) -> JSONValue {
        var messages: [JSONValue] = [["role": "system", "content": .string(request.systemPrompt)]]
        for turn in request.turns {
            switch turn.role {
            case .system, .user:
                messages.append(["role": .string(turn.role.rawValue), "content": Self.content(of: turn)])
            case .assistant:
                var message: [String: JSONValue] = ["role": "assistant", "content": turn.content.isEmpty ? .null : .string(turn.content)]
                if let calls = turn.toolCalls, !calls.isEmpty {
                    message["tool_calls"] = .array(calls.map { call in
                        ["id": .string(call.id), "type": "function", "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
                    })
                }
                messages.append(.object(message))
            case .tool:
                messages.append(["role": "tool", "tool_call_id": .string(turn.toolCallID ?? ""), "content": .string(turn.content)])
            }
        }
        var body: [String: JSONValue] = [
            "model": .string(model), "stream": true, "stream_options": ["include_usage": true], "messages": .array(messages),
        ]
        if let temperature { body["temperature"] = .number(temperature) }
        if let maxOutputTokens { body["max_tokens"] = .number(Double(maxOutputTokens)) }
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map { tool in
                ["type": "function", "function": ["name": .string(tool.name), "description": .string(tool.description), "parameters": tool.parameters]]
            })
        }
        return .object(body)
    }

    /// A person's content: the text alone, or the text and its images as `image_url` parts.
    static func content(of turn: ChatTurn) -> JSONValue {
        guard let images = turn.imageURLs, !images.isEmpty else { return .string(turn.content) }
        let text: [JSONValue] = turn.content.isEmpty ? [] : [["type": "text", "text": .string(turn.content)]]
        return .array(text + images.map { ["type": "image_url", "image_url": ["url": .string($0)]] })
    }
}
