import Clocks
import Foundation
import LinqAPI
import LinqAPIAsyncHTTPClient
import LinqBot
import LinqBotServer
import LinqSimulator
import LinqModels
import ServiceLifecycle
import Logging
import Synchronization

/// Counts webhook deliveries that got an answer, so a tester knows when one has arrived.
protocol DeliveryCounting: Sendable {
    var count: Int { get }
}

extension InProcessWebhooks: DeliveryCounting {}

/// A transport that counts the requests that got an answer, over another transport.
final class CountingTransport: LinqTransport, DeliveryCounting {
    let base: any LinqTransport
    private let answered = Atomic<Int>(0)

    init(_ base: any LinqTransport) { self.base = base }

    var count: Int { answered.load(ordering: .acquiring) }

    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        defer { answered.add(1, ordering: .releasing) }
        return try await base.send(request)
    }
}

/// The live half of ``BotTester``: the simulator and the bot's webhook server, each on a free
/// port of 127.0.0.1, with the bot's client and the simulator's webhooks going over HTTP.
final class LiveLoopback: Sendable {
    let simulator: LinqSimulator
    let client: LinqClient
    let app: BotApplication
    let deliveries: CountingTransport
    private let transport: AsyncHTTPClientTransport
    private let servers: [Task<Void, any Error>]

    private init(
        simulator: LinqSimulator, client: LinqClient, app: BotApplication, deliveries: CountingTransport,
        transport: AsyncHTTPClientTransport, servers: [Task<Void, any Error>]
    ) {
        self.simulator = simulator
        self.client = client
        self.app = app
        self.deliveries = deliveries
        self.transport = transport
        self.servers = servers
    }

    static func start(
        bot: Bot, simulatorConfiguration: SimulatorConfiguration, store: any QuiescentStore, clock: TestClock<Duration>,
        now: @escaping @Sendable () -> Date, logger: Logger
    ) async throws -> LiveLoopback {
        let transport = AsyncHTTPClientTransport()
        let deliveries = CountingTransport(transport)
        let simulator = LinqSimulator(configuration: simulatorConfiguration, webhookTransport: deliveries, clock: clock, now: now, logger: logger)
        var servers: [Task<Void, any Error>] = []
        do {
            let (simulatorPort, simulatorTask) = try await listen("simulator") { ready in
                SimulatorServer(simulator: simulator, port: 0, logger: logger) { ready($0) }
            }
            servers.append(simulatorTask)
            let client = LinqClient(
                configuration: .init(
                    apiKey: Secret(simulatorConfiguration.apiKey), baseURL: URL(string: "http://127.0.0.1:\(simulatorPort)/api/partner")!, retry: .none
                ),
                transport: transport
            )
            // The subscription's secret signs the webhooks; its target is set once the bot listens.
            let subscription = try await BotTester.subscribe(client, target: "http://127.0.0.1:9/webhooks/linq")
            let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(subscription.signingSecret)]))
            let app = BotTester.application(bot, store: store, client: client, verifier: verifier, clock: clock, now: now, logger: logger)
            let (botPort, botTask) = try await listen("bot") { ready in
                BotServer(application: app, configuration: .init(port: 0), logger: logger) { ready($0) }
            }
            servers.append(botTask)
            _ = try await client.webhookSubscriptions.update(
                subscription.subscription.id, UpdateWebhookSubscriptionRequest(targetURL: "http://127.0.0.1:\(botPort)/webhooks/linq")
            )
            return LiveLoopback(
                simulator: simulator, client: client, app: app, deliveries: deliveries, transport: transport, servers: servers
            )
        } catch {
            servers.forEach { $0.cancel() }
            try? await transport.shutdown()
            throw error
        }
    }

    /// Stops both servers and the HTTP client.
    func stop() async {
        for server in servers {
            server.cancel()
            _ = await server.result
        }
        try? await transport.shutdown()
    }

    /// Starts a server made by `make` and returns its bound port once it listens.
    private static func listen<S: ServiceLifecycle.Service>(
        _ name: String, _ make: (@escaping @Sendable (Int) -> Void) -> S
    ) async throws -> (Int, Task<Void, any Error>) {
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let server = make { port in
            sink.yield(port)
            sink.finish()
        }
        let task = Task { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw BotTesterError.serverDidNotStart(name)
        }
        return (port, task)
    }
}
