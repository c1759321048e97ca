import Foundation
public import LinqAPI
public import LinqBot
import Synchronization

/// A webhook transport for a simulator that hands each delivery straight to a bot's
/// application (its ingress checks signatures and all) and counts them: webhooks without sockets.
/// Connected to several applications (instances of one bot on one store), it hands the
/// deliveries to them in turn, as a round-robin load balancer would.
///
/// ```swift
/// let webhooks = InProcessWebhooks()
/// let simulator = LinqSimulator(webhookTransport: webhooks)
/// …
/// webhooks.connect(app)   // app: the BotApplication under test
/// ```
public final class InProcessWebhooks: LinqTransport {
    private let applications = Mutex<(all: [BotApplication], turn: Int)>(([], 0))
    private let delivered = Atomic<Int>(0)

    /// Creates a transport with no application yet; deliveries answer 503 until one is connected.
    public init() {}

    /// Routes later deliveries to `application`.
    public func connect(_ application: BotApplication) { connect([application]) }

    /// Routes later deliveries to `applications`, each to the next in turn.
    public func connect(_ applications: [BotApplication]) { self.applications.withLock { $0 = (applications, 0) } }

    /// How many deliveries reached the application.
    public var count: Int { delivered.load(ordering: .acquiring) }

    /// Hands one delivery to the application and answers with its status.
    public func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        let next = applications.withLock { state -> BotApplication? in
            guard !state.all.isEmpty else { return nil }
            defer { state.turn += 1 }
            return state.all[state.turn % state.all.count]
        }
        guard let application = next else { return LinqHTTPResponse(status: 503) }
        let outcome = await application.receive(body: request.body ?? Data()) { request.headers[$0] }
        delivered.add(1, ordering: .releasing)
        return LinqHTTPResponse(status: outcome.status)
    }
}
