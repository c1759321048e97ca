import Foundation
import LinqAPI
import LinqAPIAsyncHTTPClient
public import LinqBot
import LinqBotPostgres
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
/// await BotHost.runOrExit(bot)
/// ```
public enum BotHost {
    /// The events a bot subscribes to in local mode.
    static let events: [WebhookEventType] = [
        .messageReceived, .messageSent, .messageDelivered, .messageRead, .messageFailed, .messageEdited, .reactionAdded,
        .reactionRemoved, .chatTypingIndicatorStarted, .chatTypingIndicatorStopped, .participantAdded, .participantRemoved,
        .chatCreated, .phoneNumberStatusUpdated, .contactCardReceived,
    ]

    /// Runs `bot` like ``run(_:configuration:logger:whenRunning:)``; on failure prints what went
    /// wrong to standard error and exits with status 1 instead of crashing. For a bot's `main`.
    public static func runOrExit(
        _ bot: Bot, configuration: Configuration? = nil, whenRunning: @escaping @Sendable (BotApplication) async -> Void = { _ in }
    ) async {
        do {
            try await run(bot, configuration: configuration, whenRunning: whenRunning)
        } catch {
            FileHandle.standardError.write(Data("\(bot.configuration.botID): \(error)\n".utf8))
            exit(1)
        }
    }

    /// Runs `bot` until SIGTERM or SIGINT, configured from the environment unless
    /// `configuration` is given. `whenRunning` gets the running ``BotApplication`` once the
    /// store is ready, for business code that starts conversations (``BotApplication/startFlow(_:with:from:data:timeZone:at:key:)``).
    public static func run(
        _ bot: Bot, configuration: Configuration? = nil, logger: Logger = Logger(label: "linqbot"),
        whenRunning: @escaping @Sendable (BotApplication) async -> Void = { _ in }
    ) async throws {
        let configuration = try configuration ?? Configuration.fromEnvironment()
        try Configuration.checkAdminToken(configuration.adminToken)
        try CrashPoint.armFromEnvironment(ProcessInfo.processInfo.environment)
        if configuration.sandbox {
            bot.adjustLineHealth { $0.dailyLineBudget = LineHealthConfiguration.sandbox.dailyLineBudget }
        }
        if let lines = configuration.poolLines { bot.adjustLinePool { $0.lines = lines } }
        let store: any BotStore
        switch configuration.database {
        case .memory:
            store = InMemoryBotStore()
        case .sqlite(let path):
            store = try await SQLiteBotStore.open(path: path, logger: logger)
        case .postgres(let postgres):
            do {
                store = try await PostgresBotStore.connect(postgres, logger: logger)
            } catch BotStoreError.unavailable(let problem) {
                throw LinqConfigurationError("LINQBOT_DATABASE_URL names a PostgreSQL store that cannot be used: \(problem)")
            }
        }
        // Spans export first and stop last, so the last batch leaves after everything else stopped.
        var services: [any ServiceLifecycle.Service] = []
        do {
            if let export = configuration.traceExport { services.append(try export.start(serviceName: bot.configuration.botID)) }
        } catch {
            try? await store.close()
            throw error
        }
        let transport = AsyncHTTPClientTransport()
        let client: LinqClient
        let verifier: WebhookVerifier
        var banner: [String] = []
        let webhookURL = "http://\(configuration.host):\(configuration.port)/webhooks/linq"
        do {
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
                let subscription = try await client.webhookSubscriptions.create(
                    CreateWebhookSubscriptionRequest(targetURL: webhookURL, subscribedEvents: events)
                )
                verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(subscription.signingSecret)]))
                services.append(SimulatorServer(simulator: simulator, port: simulatorPort, logger: logger))
                banner = [
                    "  Local mode:   an in-process Linq simulator (no LINQ_API_V3_API_KEY set)",
                    "  Chat page:    http://127.0.0.1:\(simulatorPort)/   ← open it and text the bot",
                    "  Lines:        \(lines.joined(separator: ", "))",
                ]
            }
        } catch {
            try? await transport.shutdown()
            try? await store.close()
            throw error
        }
        // Metrics first: the application's parts record their first values as they are made.
        let metrics = BotMetrics.prometheus()
        let app = BotApplication(bot: bot, store: store, client: client, verifier: verifier, configuration: configuration.application, logger: logger)
        let healthLines = app.responder.relaxedRules.isEmpty
            ? ["  Line health:  on (opt-out, pacing, budgets, quiet hours, typing, contact card)\(configuration.sandbox ? "; sandbox budget" : "")"]
            : ["  Line health:  RELAXED: " + app.responder.relaxedRules.joined(separator: "; ")]
        let botID = bot.configuration.botID
        let databaseText = "\(configuration.database)"
        let lines = banner + healthLines
        let admin = configuration.adminToken.map { AdminAPI.Configuration(token: $0) }
        let server = BotServer(
            application: app,
            configuration: .init(host: configuration.host, port: configuration.port, metrics: metrics, admin: admin), logger: logger
        ) { port in
            let adminLine = admin == nil ? [] : ["  Admin API:    http://\(configuration.host):\(port)/admin (Authorization: Bearer <LINQBOT_ADMIN_TOKEN>)"]
            let text = (["LinqBot \"\(botID)\" is running.", "  Webhooks:     http://\(configuration.host):\(port)/webhooks/linq"] + lines + adminLine
                + ["  Store:        \(databaseText)", "Press Ctrl-C to stop.", ""]).joined(separator: "\n")
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        // Stopped in reverse: the server first, then the application (it drains), then the simulator.
        services += [app, server, WhenRunning(app: app, body: whenRunning)]
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        do {
            try await app.prepare()
            try await group.run()
        } catch {
            try? await transport.shutdown()
            try? await store.close()
            throw error
        }
        try await transport.shutdown()
    }
}
