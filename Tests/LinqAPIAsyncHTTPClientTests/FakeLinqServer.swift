import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinqAPI
import Logging
import NIOCore
import Synchronization
import Testing

/// A scripted stand-in for Linq on 127.0.0.1: answers each request from a queue and records it.
final class FakeLinqServer: Sendable {
    struct Recorded: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: Data

        static func json(_ status: Int, _ body: Data, headers: [(String, String)] = []) -> Reply {
            Reply(status: status, headers: headers + [("Content-Type", "application/json"), ("X-Trace-ID", "4bf92f3577b34da6a3ce929d0e0e4736")], body: body)
        }

        static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> Reply {
            json(status, Data(body.utf8), headers: headers)
        }
    }

    private let state = Mutex<(replies: [Reply], recorded: [Recorded])>((replies: [], recorded: []))

    init(_ replies: [Reply]) { state.withLock { $0.replies = replies } }

    var recorded: [Recorded] { state.withLock { $0.recorded } }

    func enqueue(_ replies: [Reply]) { state.withLock { $0.replies += replies } }

    /// Starts the server on a free loopback port, runs `body` with its base URL, then stops it.
    func run(_ body: @Sendable (URL) async throws -> Void) async throws {
        let app = Application(
            responder: Responder(server: self),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: Logger(label: "fake-linq") { _ in SwiftLogNoOpLogHandler() }
        )
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)/api/partner")!)
        }
    }

    fileprivate func handle(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let recorded = Recorded(method: request.method.rawValue, path: request.uri.description, headers: headers, body: Data(buffer: buffer))
        let reply = state.withLock { state -> Reply in
            state.recorded.append(recorded)
            return state.replies.isEmpty ? .json(500, #"{"error":{"code":3006,"message":"no scripted reply"}}"#) : state.replies.removeFirst()
        }
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return Response(status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    private struct Responder: HTTPResponder {
        let server: FakeLinqServer
        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            try await server.handle(request)
        }
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self = Data(buffer.readableBytesView)
    }
}
