import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

/// A model server on 127.0.0.1 that answers each POST under `/v1/` with the next canned reply:
/// raw event-stream text written in the given chunks (so an event, or a JSON value, can be cut
/// anywhere), or an error status. It records each request's path, headers and JSON body.
final class CannedModelServer: Sendable {
    /// One canned reply.
    enum Reply: Sendable {
        /// `text/event-stream` written chunk by chunk.
        case chunks([String])
        /// An error status with an OpenAI/Anthropic-style error body.
        case fail(Int, String)
    }

    /// A request the server received.
    struct Received: @unchecked Sendable {
        var path: String
        var headers: HTTPFields
        var body: [String: Any]
    }

    private let state = Mutex<(replies: [Reply], received: [Received])>((replies: [], received: []))

    init(_ replies: [Reply]) { state.withLock { $0.replies = replies } }

    /// The requests, oldest first.
    var received: [Received] { state.withLock { $0.received } }

    /// Runs the server around `body`, which gets the base URL (`http://127.0.0.1:PORT/v1`).
    func run(_ body: @Sendable (URL) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/**") { request, _ in try await self.respond(to: request) }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: Logger(label: "canned-model") { _ in SwiftLogNoOpLogHandler() }
        )
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)/v1")!)
        }
    }

    private func respond(to request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
        let reply = state.withLock { state -> Reply in
            state.received.append(Received(path: request.uri.path, headers: request.headers, body: json))
            return state.replies.isEmpty ? .fail(500, "no reply scripted") : state.replies.removeFirst()
        }
        switch reply {
        case .fail(let status, let message):
            let body = #"{"type":"error","error":{"type":"api_error","message":"\#(message)"}}"#
            return Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        case .chunks(let chunks):
            let body = ResponseBody { writer in
                for chunk in chunks { try await writer.write(ByteBuffer(string: chunk)) }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: body)
        }
    }
}

/// Collects streamed text from a model call.
final class TextSink: Sendable {
    private let pieces = Mutex<[String]>([])
    var all: [String] { pieces.withLock { $0 } }
    func take(_ text: String) { pieces.withLock { $0.append(text) } }
}
