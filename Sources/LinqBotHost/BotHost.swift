import Foundation
import LinqAPI
import LinqAPIAsyncHTTPClient
public import LinqBot
import LinqBotServer
import LinqBotSQLite
import LinqModels
import LinqSimulator
public import Logging
import ServiceLifecycle
import UnixSignals

/// Runs a bot: its webhook server, its dispatcher and its store, as one service group that
/// stops gracefully on SIGTERM or SIGINT.
///
/// With `LINQ_API_V3_API_KEY` set it talks to Linq. Without it, it runs in local mode: a
/// simulator in the same process (API and chat page on 127.0.0.1), subscribed to the bot's own
/// webhook route with a fresh secret, and SQLite under `./.linqbot/`.
///
/// ```swift
/// let bot = Bot()
/// bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
/// try await BotHost.run(bot)
/// ```
public enum BotHost {
    /// The events a bot subscribes to in local mode.
    static let events: [WebhookEventType] = [
        .messageReceived, .messageSent, .messageDelivered, .messageRead, .messageFailed, .messageEdited, .reactionAdded,
        .reactionRemoved, .chatTypingIndicatorStarted, .chatTypingIndicatorStopped, .participantAdded, .participantRemoved,
        .chatCreated, .phoneNumberStatusUpdated, .contactCardReceived,
    ]

    /// Runs `bot` like ``run(_:configuration:logger:)``; on failure prints what went wrong to
    /// standard error and exits with status 1 instead of crashing. For a bot's `main`.
    public static func runOrExit(_ bot: Bot, configuration: Configuration? = nil) async {
        do {
            try await run(bot, configuration: configuration)
        } catch {
            FileHandle.standardError.write(Data("\(bot.configuration.botID): \(error)\n".utf8))
            exit(1)
        }
    }

    /// Runs `bot` until SIGTERM or SIGINT, configured from the environment unless `configuration` is given.
    public static func run(_ bot: Bot, configuration: Configuration? = nil, logger: Logger = Logger(label: "linqbot")) async throws {
        let configuration = try configuration ?? Configuration.fromEnvironment()
        try Configuration.checkAdminToken(configuration.adminToken)
        try CrashPoint.armFromEnvironment(ProcessInfo.processInfo.environment)
        let store: any BotStore
        var closeStore: @Sendable () async throws -> Void = {}
        switch configuration.database {
        case .memory:
            store = InMemoryBotStore()
        case .sqlite(let path):
            let sqlite = try await SQLiteBotStore.open(path: path, logger: logger)
            store = sqlite
            closeStore = { try await sqlite.close() }
        }
        try await store.migrate()
        let transport = AsyncHTTPClientTransport()
        var services: [any ServiceLifecycle.Service] = []
        let client: LinqClient
        let verifier: WebhookVerifier
        var banner: [String] = []
        let webhookURL = "http://\(configuration.host):\(configuration.port)/webhooks/linq"
        switch configuration.mode {
        case .remote(let clientConfiguration, let webhooks):
            client = LinqClient(configuration: clientConfiguration, transport: transport, logger: logger)
            verifier = try WebhookVerifier(configuration: webhooks)
            banner = ["  Linq API:     \(clientConfiguration.baseURL.absoluteString)", "  Webhook URL:  \(webhookURL) (subscribe it in Linq)"]
        case .local(let lines, let simulatorPort):
            let simulator = LinqSimulator(configuration: SimulatorConfiguration(lines: lines), webhookTransport: transport, logger: logger)
            client = LinqClient(
                configuration: .init(apiKey: Secret(simulator.configuration.apiKey), baseURL: SimulatorTransport.baseURL),
                transport: SimulatorTransport(simulator), logger: logger
            )
            let subscription = try await client.webhookSubscriptions.create(CreateWebhookSubscriptionRequest(targetURL: webhookURL, subscribedEvents: events))
            verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(subscription.signingSecret)]))
            services.append(SimulatorServer(simulator: simulator, port: simulatorPort, logger: logger))
            banner = [
                "  Local mode:   an in-process Linq simulator (no LINQ_API_V3_API_KEY set)",
                "  Chat page:    http://127.0.0.1:\(simulatorPort)/   ← open it and text the bot",
                "  Lines:        \(lines.joined(separator: ", "))",
            ]
        }
        let dispatcher = BotDispatcher(bot: bot, store: store, client: client, logger: logger)
        let ingress = WebhookIngress(verifier: verifier, store: store, logger: logger, bot: bot) { dispatcher.wake() }
        let botID = bot.configuration.botID
        let databaseText = "\(configuration.database)"
        let lines = banner
        let admin = configuration.adminToken.map { AdminAPI.Configuration(bot: bot, token: $0) }
        let server = BotServer(
            ingress: ingress, store: store,
            configuration: .init(host: configuration.host, port: configuration.port, metrics: BotMetrics.prometheus(), admin: admin), logger: logger
        ) { port in
            let adminLine = admin == nil ? [] : ["  Admin API:    http://\(configuration.host):\(port)/admin (Authorization: Bearer <LINQBOT_ADMIN_TOKEN>)"]
            let text = (["LinqBot \"\(botID)\" is running.", "  Webhooks:     http://\(configuration.host):\(port)/webhooks/linq"] + lines + adminLine
                + ["  Store:        \(databaseText)", "Press Ctrl-C to stop.", ""]).joined(separator: "\n")
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        services += [server, dispatcher]
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        do {
            try await group.run()
        } catch {
            try? await transport.shutdown()
            try? await closeStore()
            throw error
        }
        try await transport.shutdown()
        try await closeStore()
    }
}
