import Foundation
public import LinqAPI
public import LinqBot
import Synchronization

/// A webhook transport for a simulator that hands each delivery straight to a bot's
/// application (its ingress checks signatures and all) and counts them: webhooks without sockets.
///
/// ```swift
/// let webhooks = InProcessWebhooks()
/// let simulator = LinqSimulator(webhookTransport: webhooks)
/// …
/// webhooks.connect(app)   // app: the BotApplication under test
/// ```
public final class InProcessWebhooks: LinqTransport {
    private let application = Mutex<BotApplication?>(nil)
    private let delivered = Atomic<Int>(0)

    /// Creates a transport with no application yet; deliveries answer 503 until one is connected.
    public init() {}

    /// Routes later deliveries to `application`.
    public func connect(_ application: BotApplication) { self.application.withLock { $0 = application } }

    /// How many deliveries reached the application.
    public var count: Int { delivered.load(ordering: .acquiring) }

    /// Hands one delivery to the application and answers with its status.
    public func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        guard let application = application.withLock({ $0 }) else { return LinqHTTPResponse(status: 503) }
        let outcome = await application.receive(body: request.body ?? Data()) { request.headers[$0] }
        delivered.add(1, ordering: .releasing)
        return LinqHTTPResponse(status: outcome.status)
    }
}
