import Foundation
import LinqAPI
import Synchronization

/// A Linq that answers in process: `202` with the recorded body for every message sent, `204`
/// for every other call (typing, read receipts, the contact card). It counts the messages.
final class InProcessLinq: LinqTransport {
    private let sent = Atomic<Int>(0)
    private let accepted: Data

    /// Reads the recorded answer; throws when the fixture is missing, so no run measures failed sends.
    init() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Tests/LinqFixtures/Fixtures/linq-api").standardized
        accepted = try Data(contentsOf: folder.appendingPathComponent("chats.messages.send.202.json"))
    }

    /// A client that calls this Linq.
    var client: LinqClient {
        LinqClient(configuration: .init(apiKey: "in-process", baseURL: URL(string: "http://127.0.0.1:9/api/partner")!), transport: self)
    }

    /// Messages sent so far.
    var messages: Int { sent.load(ordering: .relaxed) }

    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        if request.method == .post, request.url.path.hasSuffix("/messages") {
            sent.add(1, ordering: .relaxed)
            return LinqHTTPResponse(status: 202, headers: ["content-type": "application/json"], body: accepted)
        }
        return LinqHTTPResponse(status: 204)
    }

    /// Waits (bounded) until `count` messages were sent.
    func waitForReplies(_ count: Int, within limit: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while messages < count {
            guard ContinuousClock.now < deadline else { throw BenchmarkFailure("only \(messages) of \(count) replies within \(limit)") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}
