public import AsyncHTTPClient
public import Foundation
public import LinqAPI
import LinqModels
public import NIOCore

/// A ``ChatModel`` on OpenAI's Responses API with streaming (`POST <baseURL>/responses`,
/// `stream: true`): text deltas, function calls (their arguments in pieces, several at once),
/// usage from `response.completed`, and `error` or `response.failed` events.
///
/// ```swift
/// let model = ResponsesModel(baseURL: URL(string: "https://api.openai.com/v1")!, model: "gpt-4.1-mini", apiKey: Secret(key))
/// ```
public struct ResponsesModel: ChatModel {
    /// The API's base URL.
    public var baseURL: URL
    /// The model name.
    public var model: String
    /// The bearer token.
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
    public var endpoint: URL { baseURL.appendingPathComponent("responses") }

    /// Sends `request` and streams the answer's text to `onText`.
    public func respond(to request: ModelRequest, onText: @Sendable (String) async throws -> Void) async throws -> ModelResponse {
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("Authorization", "Bearer \(apiKey.reveal())")) }
        var response = ModelResponse()
        var calls = ToolCallAssembler()
        try await ModelEventStream(client: client, deadline: requestDeadline).post(endpoint, headers: headers, body: body(for: request)) { event in
            let data = event.data.trimmingCharacters(in: .whitespaces)
            guard !data.isEmpty, data != "[DONE]" else { return data == "[DONE]" }
            let json = try ModelEventStream.json(data)
            let key = json["output_index"]?.intValue.map { String($0) } ?? json["item_id"]?.stringValue ?? "0"
            switch json["type"]?.stringValue ?? event.name ?? "" {
            case "response.output_text.delta":
                if let text = json["delta"]?.stringValue, !text.isEmpty {
                    response.text += text
                    try await onText(text)
                }
            case "response.output_item.added":
                if let item = json["item"], item["type"]?.stringValue == "function_call" {
                    calls.add(key, id: item["call_id"]?.stringValue, name: item["name"]?.stringValue, arguments: item["arguments"]?.stringValue)
                }
            case "response.function_call_arguments.delta":
                calls.add(key, arguments: json["delta"]?.stringValue)
            case "response.function_call_arguments.done":
                if let arguments = json["arguments"]?.stringValue { calls.complete(key, arguments: arguments) }
            case "response.output_item.done":
                if let item = json["item"], item["type"]?.stringValue == "function_call" {
                    calls.add(key, id: item["call_id"]?.stringValue, name: item["name"]?.stringValue)
                    if let arguments = item["arguments"]?.stringValue { calls.complete(key, arguments: arguments) }
                }
            case "response.completed", "response.incomplete":
                if let usage = json["response"]?["usage"], let input = usage["input_tokens"]?.intValue, let output = usage["output_tokens"]?.intValue {
                    response.usage = TokenUsage(inputTokens: input, outputTokens: output)
                }
                return true
            case "response.failed":
                throw AIModelError.status(0, json["response"].map { ModelEventStream.errorMessage(in: $0) } ?? "the response failed")
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

    /// The request body: the instructions apart, tool calls and outputs as input items.
    func body(for request: ModelRequest) -> JSONValue {
        var input: [JSONValue] = []
        for turn in request.turns {
            switch turn.role {
            case .system, .user:
                input.append(["role": .string(turn.role.rawValue), "content": Self.content(of: turn)])
            case .assistant:
                if !turn.content.isEmpty { input.append(["role": "assistant", "content": .string(turn.content)]) }
                for call in turn.toolCalls ?? [] {
                    input.append(["type": "function_call", "call_id": .string(call.id), "name": .string(call.name), "arguments": .string(call.arguments)])
                }
            case .tool:
                input.append(["type": "function_call_output", "call_id": .string(turn.toolCallID ?? ""), "output": .string(turn.content)])
            }
        }
        var body: [String: JSONValue] = [
            "model": .string(model), "stream": true, "store": false, "instructions": .string(request.systemPrompt), "input": .array(input),
        ]
        if let temperature { body["temperature"] = .number(temperature) }
        if let maxOutputTokens { body["max_output_tokens"] = .number(Double(maxOutputTokens)) }
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map { tool in
                ["type": "function", "name": .string(tool.name), "description": .string(tool.description), "parameters": tool.parameters]
            })
        }
        return .object(body)
    }

    /// A person's content: the text alone, or `input_text` and `input_image` parts.
    static func content(of turn: ChatTurn) -> JSONValue {
        guard let images = turn.imageURLs, !images.isEmpty else { return .string(turn.content) }
        let text: [JSONValue] = turn.content.isEmpty ? [] : [["type": "input_text", "text": .string(turn.content)]]
        return .array(text + images.map { ["type": "input_image", "image_url": .string($0)] })
    }
}
