import AsyncHTTPClient
import Foundation
import LinqAPI
import LinqAPIAsyncHTTPClient
import LinqBot
import LinqBotPostgres
import LinqBotServer
import LinqBotSQLite
import LinqModels
import LinqSimulator
import Logging
import ServiceLifecycle

/// A whole bot on loopback, wired like `BotHost` in local mode but with real HTTP both ways
/// (with several instances on one PostgreSQL database, a round-robin balancer spreads the
/// webhooks over their servers):
///
///     person ─(in-process control call)→ LinqSimulator ─(HTTP webhook)→ BotServer → WebhookIngress
///       → SQLite inbox → BotDispatcher → bot → LinqClient ─(HTTP)→ SimulatorServer → LinqSimulator
///
/// Webhooks travel through async-http-client to the Hummingbird `BotServer`; the bot's replies
/// travel through async-http-client to the Hummingbird `SimulatorServer`. The simulator has no
/// rate limit (`perPairLimit` nil) and the bot no pacing. Both HTTP clients are observed, so a
/// benchmark learns when each webhook was acknowledged and when each reply was accepted
/// (the 2xx as the bot's client receives it).
enum EchoStack {
    struct Options {
        var databasePath: String
        /// A PostgreSQL URL: the store is PostgreSQL instead of SQLite, in a schema of its own
        /// (`bench_…`, left behind: point it at a scratch database).
        var postgresURL: String?
        /// What the bot subscribes to.
        var events: [WebhookEventType] = [.messageReceived]
        var line = "+15555550100"
        /// Bot instances on the one store (several need PostgreSQL), behind a round-robin balancer.
        var instances = 1
    }

    /// Called with the number in a message's "msg-<n>" text.
    struct Observer: Sendable {
        /// The bot answered 2xx to the `message.received` webhook of message n.
        var webhookAcknowledged: @Sendable (Int, ContinuousClock.Instant) -> Void = { _, _ in }
        /// The simulator answered 2xx to the bot's reply to message n.
        var replyAccepted: @Sendable (Int, ContinuousClock.Instant) -> Void = { _, _ in }
    }

    /// The events `BotHost` subscribes to in local mode.
    static let allEvents: [WebhookEventType] = [
        .messageReceived, .messageSent, .messageDelivered, .messageRead, .messageFailed, .messageEdited, .reactionAdded,
        .reactionRemoved, .chatTypingIndicatorStarted, .chatTypingIndicatorStopped, .participantAdded, .participantRemoved,
        .chatCreated, .phoneNumberStatusUpdated, .contactCardReceived,
    ]

    /// Starts everything, runs `body` with a way to play people, then stops everything. Returns
    /// `body`'s result and the dispatchers' store calls (``TimingStore``, summed over the
    /// instances) while it ran.
    static func run<T: Sendable>(
        bot: Bot, options: Options, observer: Observer, body: @escaping @Sendable (People) async throws -> T
    ) async throws -> (T, TimingStore.Totals) {
        guard options.instances == 1 || options.postgresURL != nil else {
            throw BenchmarkFailure("several instances share one PostgreSQL database: give --postgres")
        }
        let webhookHTTP = Loopback.makeClient()
        let apiHTTP = Loopback.makeClient()
        var bases: [any BotStore] = []
        func closeStores() async {
            for base in bases { try? await base.close() }
        }
        do {
            if let url = options.postgresURL {
                var configuration = try PostgresBotStore.Configuration(url: url)
                configuration.schema = "bench_" + UUID().uuidString.prefix(8).lowercased()
                for _ in 0..<options.instances { bases.append(try await PostgresBotStore.connect(configuration)) }
            } else {
                bases.append(try await SQLiteBotStore.open(path: options.databasePath))
            }
            try await bases[0].migrate()
        } catch {
            await closeStores()
            try? await webhookHTTP.shutdown()
            try? await apiHTTP.shutdown()
            throw error
        }
        let stores = bases.map { TimingStore($0) }
        let balancer = RoundRobinTransport(base: AsyncHTTPClientTransport(httpClient: webhookHTTP))
        let webhooks = ObservingTransport(base: balancer) { request, response, at in
            guard (200..<300).contains(response.status), request.headers["X-Webhook-Event"] == "message.received",
                let body = request.body, let number = TextMarker.find(in: body)
            else { return }
            observer.webhookAcknowledged(number, at)
        }
        let simulator = LinqSimulator(configuration: SimulatorConfiguration(lines: [options.line], perPairLimit: nil), webhookTransport: webhooks)
        let result: Result<T, any Error>
        do {
            result = .success(try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
                // Graceful stops, in order: the bots (servers, then dispatchers drain), then the simulator.
                let logger = Logger(label: "linqbot.bench")
                let simulatorStarted = Loopback.PortSignal()
                let simulatorGroup = ServiceGroup(
                    services: [SimulatorServer(simulator: simulator, port: 0, onStarted: simulatorStarted.onStarted)], logger: logger
                )
                group.addTask {
                    defer { simulatorStarted.finish() }
                    try await simulatorGroup.run()
                }
                let value: Result<T, any Error>
                var dispatchers: [BotApplication] = []
                var botGroup: ServiceGroup?
                do {
                    let api = ObservingTransport(base: AsyncHTTPClientTransport(httpClient: apiHTTP)) { request, response, at in
                        guard request.method == .post, request.url.path.hasSuffix("/messages"), (200..<300).contains(response.status),
                            let body = request.body, let number = TextMarker.find(in: body)
                        else { return }
                        observer.replyAccepted(number, at)
                    }
                    let baseURL = URL(string: "http://127.0.0.1:\(try await simulatorStarted.port())/api/partner")!
                    let client = LinqClient(configuration: .init(apiKey: Secret(simulator.configuration.apiKey), baseURL: baseURL), transport: api)
                    // The secret comes with the subscription; its target is set once the bots listen.
                    let subscription = try await client.webhookSubscriptions.create(
                        CreateWebhookSubscriptionRequest(targetURL: "http://127.0.0.1:9/not-yet", subscribedEvents: options.events)
                    )
                    let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(subscription.signingSecret)]))
                    var servers: [any ServiceLifecycle.Service] = []
                    var started: [Loopback.PortSignal] = []
                    for (index, store) in stores.enumerated() {
                        let dispatcher = BotApplication(
                            bot: bot, store: store, client: client, verifier: verifier,
                            configuration: .init(instanceID: "bench-\(index + 1)", closesStore: false)
                        )
                        let signal = Loopback.PortSignal()
                        servers.append(BotServer(application: dispatcher, configuration: .init(port: 0), onStarted: signal.onStarted))
                        dispatchers.append(dispatcher)
                        started.append(signal)
                    }
                    // Dispatchers first, servers last: a graceful stop ends the servers first.
                    let services = ServiceGroup(services: dispatchers as [any ServiceLifecycle.Service] + servers, logger: logger)
                    botGroup = services
                    let signals = started
                    group.addTask {
                        defer { signals.forEach { $0.finish() } }
                        try await services.run()
                    }
                    var ports: [Int] = []
                    for signal in started { ports.append(try await signal.port()) }
                    balancer.route(to: ports)
                    let target = "http://127.0.0.1:\(ports[0])/webhooks/linq"
                    _ = try await client.webhookSubscriptions.update(subscription.subscription.id, UpdateWebhookSubscriptionRequest(targetURL: target))
                    value = .success(try await body(People(simulator: simulator, line: options.line)))
                } catch {
                    value = .failure(error)
                }
                await botGroup?.triggerGracefulShutdown()
                // A worker that was inside claimNext when the stop came waits on the dispatcher's
                // signal after its final wake-up; extra wake-ups let every worker see the stop.
                for dispatcher in dispatchers {
                    for _ in 0..<(2 * bot.configuration.concurrency) { dispatcher.wake() }
                }
                await simulatorGroup.triggerGracefulShutdown()
                try await group.waitForAll()
                return try value.get()
            })
        } catch {
            result = .failure(error)
        }
        try? await webhookHTTP.shutdown()
        try? await apiHTTP.shutdown()
        await closeStores()
        return (try result.get(), stores.map(\.snapshot).reduce(TimingStore.Totals(), +))
    }

    /// Plays the people texting the bot, through the simulator's control API called in-process.
    struct People: Sendable {
        let simulator: LinqSimulator
        let line: String

        /// `handle` texts `text` to the line (into `chatID` when given); returns the chat id.
        @discardableResult
        func send(from handle: String, text: String, chatID: String? = nil) async throws -> String {
            var fields = ["line": line, "text": text]
            if let chatID { fields["chat_id"] = chatID }
            let answer = await simulator.handle(SimulatorRequest(
                method: "POST", path: "/sim/handles/\(handle)/messages", query: nil,
                headers: [("Content-Type", "application/json")], body: try JSONSerialization.data(withJSONObject: fields)
            ))
            guard answer.status == 200,
                let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any], let chat = object["chat_id"] as? String
            else {
                throw BenchmarkFailure("the simulator answered \(answer.status) to a person's message: \(String(decoding: answer.body, as: UTF8.self))")
            }
            return chat
        }

        /// A distinct phone number per person.
        static func handle(_ index: Int) -> String { "+1555\(String(format: "%07ld", 1_000_000 + index % 9_000_000))" }
    }
}
