import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

/// A stand-in for an OpenAI-compatible model server on 127.0.0.1: each request to
/// `/v1/chat/completions` takes the next scripted reply and is recorded.
final class FakeModelServer: Sendable {
    /// What the server does with one request.
    enum Reply: Sendable {
        /// Streams these pieces of text as completion chunks, then `[DONE]`.
        case stream([String])
        /// Answers this status with an OpenAI-style error body.
        case fail(Int)
        /// Holds the response until ``release()``, then streams these pieces.
        case hold([String])
        /// Streams a call of the tool `name` (its arguments in two pieces), then `[DONE]`.
        case callTool(id: String, name: String, arguments: String)
    }

    private let state = Mutex<(replies: [Reply], requests: [JSONObject])>((replies: [], requests: []))
    private let gate = AsyncStream<Void>.makeStream()

    init(_ replies: [Reply] = []) { state.withLock { $0.replies = replies } }

    /// The JSON bodies received, oldest first.
    var requests: [JSONObject] { state.withLock { $0.requests } }

    /// Scripts more replies.
    func enqueue(_ replies: Reply...) { state.withLock { $0.replies += replies } }

    /// Lets every held response go on.
    func release() { gate.continuation.finish() }

    /// Runs the server on a free port around `body`, which gets the API's base URL.
    func run(_ body: @Sendable (URL) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/chat/completions") { request, _ in try await self.respond(to: request) }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: Logger(label: "fake-model") { _ in SwiftLogNoOpLogHandler() }
        )
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)/v1")!)
            release()
        }
    }

    private func respond(to request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let json = JSONObject((try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:])
        let reply = state.withLock { state -> Reply in
            state.requests.append(json)
            return state.replies.isEmpty ? .fail(500) : state.replies.removeFirst()
        }
        switch reply {
        case .fail(let status):
            let body = #"{"error":{"message":"scripted failure","type":"server_error"}}"#
            return Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        case .stream(let pieces):
            return Self.eventStream(pieces, waitingFor: nil)
        case .hold(let pieces):
            return Self.eventStream(pieces, waitingFor: gate.stream)
        case .callTool(let id, let name, let arguments):
            return Self.toolCallStream(id: id, name: name, arguments: arguments)
        }
    }

    private static func eventStream(_ pieces: [String], waitingFor gate: AsyncStream<Void>?) -> Response {
        let body = ResponseBody { writer in
            if let gate { for await _ in gate {} }
            for piece in pieces {
                let chunk: [String: Any] = ["id": "chatcmpl-1", "object": "chat.completion.chunk", "choices": [["index": 0, "delta": ["content": piece]]]]
                let data = try JSONSerialization.data(withJSONObject: chunk)
                try await writer.write(ByteBuffer(string: "data: \(String(decoding: data, as: UTF8.self))\n\n"))
            }
            try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: body)
    }
}

extension FakeModelServer {
    /// A streamed tool call as OpenAI sends it: the id and name first, the arguments in pieces.
    fileprivate static func toolCallStream(id: String, name: String, arguments: String) -> Response {
        let half = arguments.index(arguments.startIndex, offsetBy: arguments.count / 2)
        let deltas: [[String: Any]] = [
            ["tool_calls": [["index": 0, "id": id, "type": "function", "function": ["name": name, "arguments": String(arguments[..<half])]]]],
            ["tool_calls": [["index": 0, "function": ["arguments": String(arguments[half...])]]]],
        ]
        let events = deltas.map { delta -> String in
            let chunk: [String: Any] = ["id": "chatcmpl-2", "object": "chat.completion.chunk", "choices": [["index": 0, "delta": delta]]]
            let data = (try? JSONSerialization.data(withJSONObject: chunk)) ?? Data()
            return "data: \(String(decoding: data, as: UTF8.self))\n\n"
        }
        let body = ResponseBody { writer in
            for event in events { try await writer.write(ByteBuffer(string: event)) }
            try await writer.write(ByteBuffer(string: #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"# + "\n\ndata: [DONE]\n\n"))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: body)
    }
}

/// A decoded JSON object, readable from tests.
struct JSONObject: @unchecked Sendable {
    let value: [String: Any]

    init(_ value: [String: Any]) { self.value = value }

    /// One of the request's `messages`.
    struct Message: Sendable, Hashable {
        var role: String
        var content: String
    }

    /// The request's `messages`.
    var messages: [Message] {
        ((value["messages"] as? [[String: Any]]) ?? []).map { Message(role: $0["role"] as? String ?? "", content: $0["content"] as? String ?? "") }
    }
}
