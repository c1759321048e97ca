import Foundation
public import LinqAPI
public import LinqBot
import Synchronization

/// A webhook transport for a simulator that hands each delivery straight to a bot's
/// ``WebhookIngress`` (signatures and all) and counts them: webhooks without sockets.
///
/// ```swift
/// let webhooks = InProcessWebhooks()
/// let simulator = LinqSimulator(webhookTransport: webhooks)
/// …
/// webhooks.connect(app.ingress)   // app: the BotApplication under test
/// ```
public final class InProcessWebhooks: LinqTransport {
    private let ingress = Mutex<WebhookIngress?>(nil)
    private let delivered = Atomic<Int>(0)

    /// Creates a transport with no ingress yet; deliveries answer 503 until one is connected.
    public init() {}

    /// Routes later deliveries to `ingress`.
    public func connect(_ ingress: WebhookIngress) { self.ingress.withLock { $0 = ingress } }

    /// How many deliveries reached the ingress.
    public var count: Int { delivered.load(ordering: .acquiring) }

    /// Hands one delivery to the ingress and answers with its status.
    public func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        guard let ingress = ingress.withLock({ $0 }) else { return LinqHTTPResponse(status: 503) }
        let outcome = await ingress.receive(body: request.body ?? Data()) { request.headers[$0] }
        delivered.add(1, ordering: .releasing)
        return LinqHTTPResponse(status: outcome.status)
    }
}
