public import Foundation
public import LinqAPI
public import Logging
public import ServiceLifecycle
import Synchronization

/// A running bot: the one object that joins a built ``Bot`` to a store, a Linq client and a
/// clock. It owns the webhook ingress, the dispatcher, the scheduler, store maintenance and the
/// store's lifecycle (migrated when it starts, closed when it stops), and is the one handle for
/// proactive work and inspection: ``send(_:to:at:key:)``, ``startChat(from:to:_:)``,
/// ``startFlow(_:with:from:data:timeZone:at:key:)``, ``handOff(_:reason:key:)``, ``chats(after:limit:)``, …
///
/// Hosts only choose the parts (`BotHost` from the environment, `BotTester` a simulator and a
/// virtual clock) and run it as a swift-service-lifecycle `Service`, beside an HTTP server that
/// hands webhooks to ``ingress``:
///
/// ```swift
/// let app = BotApplication(bot: bot, store: store, client: client, verifier: verifier)
/// let server = BotServer(application: app)
/// try await ServiceGroup(services: [app, server], gracefulShutdownSignals: [.sigterm], logger: logger).run()
/// ```
public final class BotApplication: ServiceLifecycle.Service, Sendable {
    /// Settings of the application (the bot's own are in ``Bot/Configuration``).
    public struct Configuration: Sendable {
        /// The ingress's limits (body size, ingest budget, JSON depth).
        public var ingress: WebhookIngress.Configuration
        /// Names this process's workers in leases; unique per process.
        public var instanceID: String
        /// Whether the application closes the store once it stopped (`false` when the caller
        /// keeps using the store, as a test harness restarting a bot does).
        public var closesStore: Bool

        /// Creates settings.
        public init(
            ingress: WebhookIngress.Configuration = WebhookIngress.Configuration(), instanceID: String = UUID().uuidString.lowercased(),
            closesStore: Bool = true
        ) {
            self.ingress = ingress
            self.instanceID = instanceID
            self.closesStore = closesStore
        }
    }

    /// What runs each event, frozen from the bot.
    public let responder: BotResponder
    /// The webhook ingress: an HTTP server hands it every delivery.
    public let ingress: WebhookIngress
    /// The settings.
    public let configuration: Configuration
    /// The store.
    public var store: any BotStore { environment.store }
    /// The client, for reads (writes through it bypass line health; act through the application or a context).
    public var client: LinqClient { environment.client }
    let environment: BotEnvironment
    let dispatcher: BotDispatcher
    let scheduler: BotScheduler
    let maintenance: BotMaintenance
    private let prepared = Mutex(false)

    /// Builds `bot` (freezing it) and joins it to `store`, `client` and `verifier`, on `clock`
    /// with `now` as the wall clock. Nothing runs until ``run()``.
    public init(
        bot: Bot, store: any BotStore, client: LinqClient, verifier: WebhookVerifier, configuration: Configuration = Configuration(),
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "linqbot")
    ) {
        let responder = bot.build()
        let signal = Signal(maxCredits: responder.configuration.concurrency)
        let wake: @Sendable () -> Void = { Task { await signal.notify() } }
        let environment = BotEnvironment(store: store, client: client, clock: clock, now: now, logger: logger, pauses: PauseBoard(), wake: wake)
        self.responder = responder
        self.configuration = configuration
        self.environment = environment
        self.ingress = WebhookIngress(
            verifier: verifier, store: store, configuration: configuration.ingress, clock: clock, now: now, logger: logger,
            optOuts: responder.lineHealth?.configuration.optOut
        )
        self.dispatcher = BotDispatcher(responder: responder, environment: environment, signal: signal, instanceID: configuration.instanceID)
        self.scheduler = BotScheduler(environment: environment, signal: signal, configuration: responder.configuration)
        self.maintenance = BotMaintenance(environment: environment, configuration: responder.configuration)
    }

    /// Migrates the store and says, once, what is weaker than line health's defaults. ``run()``
    /// does it first; a host may call it earlier so its server starts on a ready store.
    public func prepare() async throws {
        guard prepared.withLock({ done in defer { done = true }; return !done }) else { return }
        do {
            try await store.migrate()
        } catch {
            prepared.withLock { $0 = false }  // a later start tries again
            throw error
        }
        let relaxed = responder.relaxedRules
        if !relaxed.isEmpty {
            environment.logger.warning(
                "LinqBot \"\(responder.configuration.botID)\" runs with line-health rules relaxed: \(relaxed.joined(separator: "; "))",
                metadata: ["linq.line_health": "\(responder.lineHealth == nil ? "off" : "relaxed")"]
            )
        }
    }

    /// Runs the dispatcher, the scheduler and maintenance until graceful shutdown (the
    /// dispatcher then finishes what it holds) or cancellation, then closes the store.
    public func run() async throws {
        try await prepare()
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: dispatcher), .init(service: scheduler), .init(service: maintenance)], logger: environment.logger
        ))
        let outcome: Result<Void, any Error>
        do {
            try await group.run()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        // The lines' last counts of the day, kept in memory between syncs.
        try? await responder.lineHealth?.dayCounts.flush(store: store, now: environment.now())
        if configuration.closesStore { try? await store.close() }
        try outcome.get()
    }

    /// Tells a worker that new work was queued.
    public func wake() { environment.wake() }

    /// Takes one webhook delivery, as an HTTP server hands it over: the ingress stores it (or
    /// refuses it) and, when a new event was stored, a worker wakes for it. Answer Linq with the
    /// outcome's status. `header` looks a header up by name, case-insensitively.
    public func receive(body: Data, header: (String) -> String?) async -> WebhookIngress.Outcome {
        let outcome = await ingress.receive(body: body, header: header)
        if outcome.isNew { wake() }
        return outcome
    }

    // MARK: For harnesses on a virtual clock

    /// Handlers paused on the clock.
    package var pauses: PauseBoard? { environment.pauses }

    /// The scheduler sleeps `interval` between polls instead of the bot's idle poll; set it
    /// before ``run()``. For harnesses that call ``pollNow()`` after moving the clock.
    package func overrideIdlePoll(_ interval: Duration) { scheduler.overrideIdlePoll(interval) }

    /// Fires due timers and wakes every worker, now.
    package func pollNow() async { await scheduler.pollNow() }

    /// One prune with the configured retention, at the current time.
    @discardableResult
    public func pruneOnce() async -> PruneReport? { await maintenance.pruneOnce() }
}
