public import AsyncHTTPClient
public import Foundation
public import LinqAPI
import Logging
public import NIOCore
import NIOHTTP1

/// A ``ChatModel`` on any server that speaks OpenAI's Chat Completions API with streaming
/// (`POST <baseURL>/chat/completions`, `stream: true`, server-sent events).
///
/// ```swift
/// let model = OpenAIChatModel(baseURL: URL(string: "https://api.openai.com/v1")!, model: "gpt-4o-mini", apiKey: Secret(key))
/// try await model.answer([ChatTurn(.user, "Hi!")]) { text in print(text, terminator: "") }
/// ```
public struct OpenAIChatModel: ChatModel {
    /// The API's base URL.
    public var baseURL: URL
    /// The model name.
    public var model: String
    /// The bearer token, when the server needs one.
    public var apiKey: Secret?
    /// The sampling temperature, when set.
    public var temperature: Double?
    /// The longest a whole answer may take (a backstop; the agent's own timeout is on its clock).
    public var requestDeadline: TimeAmount
    private let client: HTTPClient

    /// Creates a model client; requests go through `client` (the shared one by default).
    public init(
        baseURL: URL, model: String, apiKey: Secret? = nil, temperature: Double? = nil, requestDeadline: TimeAmount = .minutes(5),
        client: HTTPClient = .shared
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.temperature = temperature
        self.requestDeadline = requestDeadline
        self.client = client
    }

    /// The URL requests go to.
    public var endpoint: URL { baseURL.appendingPathComponent("chat/completions") }

    /// Sends `turns` and streams the answer's text to `onText`.
    public func answer(_ turns: [ChatTurn], onText: @Sendable (String) async throws -> Void) async throws {
        var request = HTTPClientRequest(url: endpoint.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "text/event-stream")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey.reveal())") }
        let body = ChatCompletionRequest(model: model, messages: turns, stream: true, temperature: temperature)
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: .now() + requestDeadline)
        } catch {
            throw AIAgentError.unreachable("\(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            let text = (try? await response.body.collect(upTo: 16 * 1024)).map { String(buffer: $0) } ?? ""
            throw AIAgentError.status(Int(response.status.code), Self.errorMessage(in: text))
        }
        var parser = ServerSentEventParser()
        let decoder = JSONDecoder()
        var chunks = response.body.makeAsyncIterator()
        while true {
            // Only the body's own failures mean a broken stream; what `onText` throws passes through.
            let buffer: ByteBuffer?
            do {
                buffer = try await chunks.next()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw AIAgentError.unreachable("the stream broke off: \(error)")
            }
            guard let buffer else { break }
            for data in parser.feed(buffer.readableBytesView) {
                if try await handle(data, decoder: decoder, onText: onText) { return }
            }
        }
        for data in parser.finish() {
            if try await handle(data, decoder: decoder, onText: onText) { return }
        }
    }

    /// Handles one event's data; returns `true` at the end of the answer.
    private func handle(_ data: String, decoder: JSONDecoder, onText: @Sendable (String) async throws -> Void) async throws -> Bool {
        let trimmed = data.trimmingCharacters(in: .whitespaces)
        if trimmed == "[DONE]" { return true }
        guard !trimmed.isEmpty else { return false }
        let chunk: ChatCompletionChunk
        do {
            chunk = try decoder.decode(ChatCompletionChunk.self, from: Data(trimmed.utf8))
        } catch {
            throw AIAgentError.malformed("an event that is not a completion chunk: \(trimmed.prefix(200))")
        }
        if let error = chunk.error { throw AIAgentError.status(0, error.message ?? "the model reported an error") }
        for choice in chunk.choices ?? [] {
            if let text = choice.delta?.content, !text.isEmpty { try await onText(text) }
        }
        return false
    }

    /// The `error.message` of an OpenAI-style error body, else the body's start.
    static func errorMessage(in body: String) -> String {
        if let error = try? JSONDecoder().decode(ChatCompletionChunk.self, from: Data(body.utf8)).error, let message = error.message {
            return message
        }
        return String(body.prefix(200))
    }
}
