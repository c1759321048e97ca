import Foundation
import LinqAPI
import LinqBot
import LinqModels
import Synchronization

/// `message.received` webhooks built and signed ahead: delivery `n` comes from chat `n mod chats`.
struct SignedDeliveries: Sendable {
    let bodies: [Data]
    let headers: [LinqHTTPHeaders]

    init(count: Int, chats: Int, prefix: String = "pipe") throws {
        let template = try Fixtures.messageReceivedFromPerson()
        let signer = WebhookSigner(secret: try WebhookSecret(Fixtures.secretText))
        let now = Date()
        let stamp = LinqTimestamp.format(now)
        let run = UUID().uuidString.prefix(8)
        var bodies: [Data] = []
        var headers: [LinqHTTPHeaders] = []
        for number in 0..<count {
            let chat = number % chats
            let id = "\(prefix)-\(run)-\(number)"
            let body = template.body(id, stamp, "m-\(id)", "chat-\(run)-\(chat)", String(format: "+1555%07d", chat), TextMarker.text(number), stamp)
            bodies.append(body)
            headers.append(signer.headers(id: id, timestamp: Int64(now.timeIntervalSince1970), body: body, eventType: "message.received", subscriptionID: prefix))
        }
        self.bodies = bodies
        self.headers = headers
    }

    /// Delivers `range`, `inFlight` at a time: each lane takes the next as soon as its last was acknowledged.
    func deliver(_ range: Range<Int>, inFlight: Int, to app: BotApplication) async throws {
        let next = Turns(range.lowerBound)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    while true {
                        let number = next.take()
                        guard number < range.upperBound else { return }
                        let sent = headers[number]
                        let outcome = await app.receive(body: bodies[number]) { sent[$0] }
                        guard outcome.status == 200 else { throw BenchmarkFailure("delivery \(number) got \(outcome.status) \(outcome.reason)") }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// The next delivery's number, shared by the lanes.
private final class Turns: Sendable {
    private let value: Atomic<Int>
    init(_ first: Int) { value = Atomic(first) }
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
