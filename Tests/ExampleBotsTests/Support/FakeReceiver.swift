import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

/// A business system on 127.0.0.1 that takes JSON posts: it answers the scripted statuses in
/// turn (then 200) and records every body.
final class FakeReceiver: Sendable {
    private let state = Mutex<(statuses: [Int], bodies: [Data])>((statuses: [], bodies: []))

    init(statuses: [Int] = []) { state.withLock { $0.statuses = statuses } }

    /// The bodies received, oldest first, as JSON objects.
    var posts: [[String: Any]] {
        state.withLock { $0.bodies }.map { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] ?? [:] }
    }

    /// Runs the receiver on a free port around `body`, which gets its URL.
    func run(_ body: @Sendable (URL) async throws -> Void) async throws {
        let router = Router()
        router.post("/hooks") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let status = self.state.withLock { state -> Int in
                state.bodies.append(Data(buffer.readableBytesView))
                return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
            }
            return Response(status: .init(code: status))
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: Logger(label: "fake-receiver") { _ in SwiftLogNoOpLogHandler() }
        )
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)/hooks")!)
        }
    }
}
