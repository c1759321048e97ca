import AsyncHTTPClient
import Foundation
import LinqAPI
import LinqModels
import NIOCore
import NIOHTTP1
import Synchronization

/// Plays Linq for ``CostBenchmark``: posts signed `message.received` webhooks (message n comes
/// from chat n mod the chat count, with the text `msg-n`) to a bot's webhook route, and reads how
/// many replies the simulator accepted from `GET /sim/stats`.
struct WebhookDriver: Sendable {
    let http: HTTPClient
    let webhookURL: String
    let statsURL: String
    let chats: [(id: String, handle: String)]
    let template: WebhookTemplate
    let signer: WebhookSigner
    let next = Counter()

    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
    }

    /// What one drive achieved.
    struct Outcome: Sendable {
        var acknowledged = 0
        var refused = 0
    }

    init(http: HTTPClient, botPort: Int, simulatorPort: Int, chats: [(String, String)]) throws {
        self.http = http
        webhookURL = "http://127.0.0.1:\(botPort)/webhooks/linq"
        statsURL = "http://127.0.0.1:\(simulatorPort)/sim/stats"
        self.chats = chats.map { (id: $0.0, handle: $0.1) }
        template = try Fixtures.messageReceivedFromPerson()
        signer = WebhookSigner(secret: try WebhookSecret(Fixtures.secretText))
    }

    /// Waits for the bot's `/healthz`.
    func waitUntilReady(within limit: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: limit)
        let health = webhookURL.replacingOccurrences(of: "/webhooks/linq", with: "/healthz")
        while ContinuousClock.now < deadline {
            if let response = try? await http.execute(HTTPClientRequest(url: health), timeout: .seconds(2)), response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchmarkFailure("the bot did not answer /healthz within \(limit)")
    }

    /// Keeps `connections` deliveries in flight until `deadline` (or, without one, until `count`
    /// were sent); each lane sends its next as soon as its last was answered.
    func drive(connections: Int, until deadline: ContinuousClock.Instant?, count: Int) async throws -> Outcome {
        let first = next.take()
        let limit = first + count
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var outcome = Outcome()
                    while deadline.map({ ContinuousClock.now < $0 }) ?? true {
                        let number = self.next.take()
                        guard number < limit else { break }
                        if try await self.post(number) { outcome.acknowledged += 1 } else { outcome.refused += 1 }
                    }
                    return outcome
                }
            }
            var total = Outcome()
            for try await part in group {
                total.acknowledged += part.acknowledged
                total.refused += part.refused
            }
            return total
        }
    }

    /// Posts message `number`; whether the bot answered 200.
    private func post(_ number: Int) async throws -> Bool {
        let chat = chats[number % chats.count]
        let id = "cost-\(number)"
        let now = Date()
        let stamp = LinqTimestamp.format(now)
        let body = template.body(id, stamp, "m-\(id)", chat.id, chat.handle, TextMarker.text(number), stamp)
        var request = HTTPClientRequest(url: webhookURL)
        request.method = .POST
        for (name, value) in signer.headers(id: id, timestamp: Int64(now.timeIntervalSince1970), body: body, eventType: "message.received", subscriptionID: "cost") {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await http.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 64 * 1024)
        return response.status == .ok
    }

    /// Replies the simulator accepted so far.
    func replies() async throws -> Int {
        let response = try await http.execute(HTTPClientRequest(url: statsURL), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 * 1024)
        guard let stats = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any], let sent = stats["messages_sent"] as? Int else {
            throw BenchmarkFailure("GET /sim/stats answered \(response.status) without messages_sent")
        }
        return sent
    }

    /// Polls every 10 ms until the simulator accepted `count` replies; returns when it saw them.
    @discardableResult
    func waitForReplies(_ count: Int, within limit: Duration) async throws -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now.advanced(by: limit)
        var seen = 0
        while ContinuousClock.now < deadline {
            seen = try await replies()
            if seen >= count { return .now }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw BenchmarkFailure("only \(seen) of \(count) replies within \(limit)")
    }
}
