public import AsyncHTTPClient
public import Foundation
public import LinqAPI
import LinqModels
public import NIOCore

/// A ``ChatModel`` on Anthropic's Messages API with streaming (`POST <baseURL>/messages`,
/// `stream: true`): text deltas, `tool_use` blocks (their input JSON in pieces, several at
/// once), usage from `message_start` and `message_delta`, and `error` events.
///
/// ```swift
/// let model = AnthropicModel(baseURL: URL(string: "https://api.anthropic.com/v1")!, model: "claude-sonnet-4-5", apiKey: Secret(key))
/// ```
public struct AnthropicModel: ChatModel {
    /// The API version sent in `anthropic-version`.
    public static let apiVersion = "2023-06-01"

    /// The API's base URL.
    public var baseURL: URL
    /// The model name.
    public var model: String
    /// The key, sent as `x-api-key`.
    public var apiKey: Secret?
    /// The sampling temperature, when set.
    public var temperature: Double?
    /// The most tokens an answer may have (the API requires a limit).
    public var maxOutputTokens: Int
    /// The longest a whole answer may take (a backstop; the agent's own timeout is on its clock).
    public var requestDeadline: TimeAmount
    private let client: HTTPClient

    /// Creates a model client; requests go through `client` (the shared one by default).
    public init(
        baseURL: URL, model: String, apiKey: Secret? = nil, temperature: Double? = nil, maxOutputTokens: Int = 1024,
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
    public var endpoint: URL { baseURL.appendingPathComponent("messages") }

    /// Sends `request` and streams the answer's text to `onText`.
    public func respond(to request: ModelRequest, onText: @Sendable (String) async throws -> Void) async throws -> ModelResponse {
        var headers: [(String, String)] = [("anthropic-version", Self.apiVersion)]
        if let apiKey { headers.append(("x-api-key", apiKey.reveal())) }
        var response = ModelResponse()
        var calls = ToolCallAssembler()
        var usage = TokenUsage(inputTokens: 0, outputTokens: 0)
        try await ModelEventStream(client: client, deadline: requestDeadline).post(endpoint, headers: headers, body: body(for: request)) { event in
            let data = event.data.trimmingCharacters(in: .whitespaces)
            guard !data.isEmpty else { return false }
            let json = try ModelEventStream.json(data)
            let key = json["index"]?.intValue.map { String($0) } ?? "0"
            switch json["type"]?.stringValue ?? event.name ?? "" {
            case "message_start":
                usage.inputTokens = json["message"]?["usage"]?["input_tokens"]?.intValue ?? 0
                usage.outputTokens = json["message"]?["usage"]?["output_tokens"]?.intValue ?? 0
                response.usage = usage
            case "content_block_start":
                if let block = json["content_block"], block["type"]?.stringValue == "tool_use" {
                    calls.add(key, id: block["id"]?.stringValue, name: block["name"]?.stringValue)
                }
            case "content_block_delta":
                guard let delta = json["delta"] else { break }
                if delta["type"]?.stringValue == "input_json_delta" {
                    calls.add(key, arguments: delta["partial_json"]?.stringValue)
                } else if let text = delta["text"]?.stringValue, !text.isEmpty {
                    response.text += text
                    try await onText(text)
                }
            case "message_delta":
                if let output = json["usage"]?["output_tokens"]?.intValue {
                    usage.outputTokens = output
                    response.usage = usage
                }
            case "message_stop":
                return true
            case "error":
                throw AIModelError.status(0, ModelEventStream.errorMessage(in: json))
            default:
                break
            }
            return false
        }
        response.toolCalls = calls.finish()
        return response
    }

    /// The request body: the instructions apart; tool calls as `tool_use` blocks and their
    /// results as `tool_result` blocks of one user message.
    func body(for request: ModelRequest) -> JSONValue {
        var messages: [JSONValue] = []
        var results: [JSONValue] = []
        func flushResults() {
            if !results.isEmpty { messages.append(["role": "user", "content": .array(results)]) }
            results = []
        }
        for turn in request.turns {
            switch turn.role {
            case .tool:
                var result: [String: JSONValue] = ["type": "tool_result", "tool_use_id": .string(turn.toolCallID ?? ""), "content": .string(turn.content)]
                if turn.isError == true { result["is_error"] = true }
                results.append(.object(result))
                continue
            case .system, .user:
                flushResults()
                messages.append(["role": "user", "content": Self.content(of: turn)])
            case .assistant:
                flushResults()
                var blocks: [JSONValue] = []
                if !turn.content.isEmpty { blocks.append(["type": "text", "text": .string(turn.content)]) }
                for call in turn.toolCalls ?? [] {
                    let input = (try? JSONDecoder().decode(JSONValue.self, from: Data(call.arguments.utf8))) ?? [:]
                    blocks.append(["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": input])
                }
                messages.append(["role": "assistant", "content": .array(blocks)])
            }
        }
        flushResults()
        var body: [String: JSONValue] = [
            "model": .string(model), "stream": true, "max_tokens": .number(Double(maxOutputTokens)), "messages": .array(messages),
        ]
        if !request.systemPrompt.isEmpty { body["system"] = .string(request.systemPrompt) }
        if let temperature { body["temperature"] = .number(temperature) }
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map { tool in
                ["name": .string(tool.name), "description": .string(tool.description), "input_schema": tool.parameters]
            })
        }
        return .object(body)
    }

    /// A person's content: the text alone, or `image` blocks with a URL source before the text.
    static func content(of turn: ChatTurn) -> JSONValue {
        guard let images = turn.imageURLs, !images.isEmpty else { return .string(turn.content) }
        let text: [JSONValue] = turn.content.isEmpty ? [] : [["type": "text", "text": .string(turn.content)]]
        return .array(images.map { ["type": "image", "source": ["type": "url", "url": .string($0)]] } + text)
    }
}
