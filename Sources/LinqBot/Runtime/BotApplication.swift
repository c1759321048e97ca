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
        /// Names this process in the store's instance registry and its workers in leases
        /// (`ID/N`, see ``WorkerName``); unique among the processes sharing a store. A random id by
        /// default; a stable one (a host or pod name) lets a restarted process free the leases of
        /// the one it replaces as it starts, rather than once that one is known dead. 1 to 200
        /// printable ASCII characters, without `/` or spaces.
        public var instanceID: String
        /// How often the instance renews its heartbeat in the store and sweeps dead instances;
        /// 2 s by default.
        public var heartbeatInterval: Duration
        /// How long after its last heartbeat an instance is known dead: another instance then
        /// frees the chat leases it held, without waiting for each to run out. 6 s by default
        /// (three heartbeats), so a dead instance's chats are taken over within about 8 s. At
        /// least twice ``heartbeatInterval``.
        public var instanceTimeout: Duration
        /// Where to record each handler's start and end (chaos tests); `nil`, the default, records nothing.
        public var handlerTrace: HandlerTrace?
        /// Whether the application closes the store once it stopped (`false` when the caller
        /// keeps using the store, as a test harness restarting a bot does).
        public var closesStore: Bool
        /// The circuit breaker on the client's writes to Linq (``LinqCircuitBreaker``): one of
        /// the application's own with the reliability plan's thresholds by default; pass
        /// `.shared(breaker)` to every application of a process that writes to the same base URL.
        public var circuitBreaker: LinqCircuitBreaker.Setting
        /// How long a graceful stop lets the workers finish the events they hold; then they are
        /// cancelled, and their events run again once the instance deregisters (at once, here or
        /// on another instance). 5 s by default: with at most 2 s for deregistering and 2 s for
        /// closing the store, a stop ends inside a 10 s grace period whatever the store does.
        public var drainTimeout: Duration

        /// Creates settings.
        public init(
            ingress: WebhookIngress.Configuration = WebhookIngress.Configuration(), instanceID: String = UUID().uuidString.lowercased(),
            heartbeatInterval: Duration = .seconds(2), instanceTimeout: Duration = .seconds(6), handlerTrace: HandlerTrace? = nil,
            closesStore: Bool = true, circuitBreaker: LinqCircuitBreaker.Setting = .own(CircuitBreakerPolicy()), drainTimeout: Duration = .seconds(5)
        ) {
            self.ingress = ingress
            self.instanceID = instanceID
            self.heartbeatInterval = heartbeatInterval
            self.instanceTimeout = instanceTimeout
            self.handlerTrace = handlerTrace
            self.closesStore = closesStore
            self.circuitBreaker = circuitBreaker
            self.drainTimeout = drainTimeout
        }

        /// Throws a ``LinqConfigurationError`` saying what to fix when a setting cannot work.
        public func validate() throws {
            if let problem = WorkerName.problem(with: instanceID) {
                throw LinqConfigurationError("The bot's instance id cannot be used: \(problem) (LINQBOT_INSTANCE_ID).")
            }
            guard heartbeatInterval > .zero else {
                throw LinqConfigurationError("The instance heartbeat interval is \(heartbeatInterval); use a positive duration such as 2 s (LINQBOT_INSTANCE_HEARTBEAT).")
            }
            guard instanceTimeout >= heartbeatInterval * 2 else {
                throw LinqConfigurationError(
                    "The instance timeout (\(instanceTimeout)) must be at least twice the heartbeat interval (\(heartbeatInterval)), "
                        + "or a live instance could be declared dead between two heartbeats (LINQBOT_INSTANCE_TIMEOUT)."
                )
            }
            guard drainTimeout > .zero else {
                throw LinqConfigurationError("The drain timeout is \(drainTimeout); use a positive duration such as 5 s.")
            }
            if case .own(let policy) = circuitBreaker { try policy.validate() }
        }
    }

    /// How long a stop waits for the last counts and the deregistration.
    static let deregistrationLimit = Duration.seconds(2)

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
    /// The circuit breaker on the client's writes, unless it was turned off.
    public var circuitBreaker: LinqCircuitBreaker? { environment.circuitBreaker }
    /// This instance's last hour of inbox activity (the console's charts).
    public var activity: InboxActivity? { environment.activity }
    let environment: BotEnvironment
    let dispatcher: BotDispatcher
    let scheduler: BotScheduler
    let maintenance: BotMaintenance
    let instanceKeeper: BotInstanceKeeper
    let workListener: BotWorkListener?
    /// The bot's lines: which line a new person gets.
    let linePool: LinePool
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
        let wake: @Sendable () -> Void = { signal.notify() }
        let breaker: LinqCircuitBreaker? =
            switch configuration.circuitBreaker {
            case .own(let policy): LinqCircuitBreaker(baseURL: client.configuration.baseURL, policy: policy, now: now, logger: logger)
            case .shared(let breaker): breaker
            case .off: nil
            }
        var environment = BotEnvironment(
            store: store, client: breaker.map { client.intercepted(by: $0) } ?? client, clock: clock, now: now, logger: logger, pauses: PauseBoard(),
            wake: wake, circuitBreaker: breaker, activity: InboxActivity(now: now)
        )
        let pool = LinePool(
            configuration: responder.linePool, engine: responder.lineHealth, environment: environment,
            businessName: responder.lineHealth?.configuration.businessName ?? responder.configuration.botID, statusHandler: responder.lineStatusHandler
        )
        environment.linePool = pool
        self.linePool = pool
        self.responder = responder
        self.configuration = configuration
        self.environment = environment
        // The ingress decodes each event; its worker takes the decoded form instead of decoding again.
        let decoded = DecodedEvents()
        self.ingress = WebhookIngress(
            verifier: verifier, store: store, configuration: configuration.ingress, clock: clock, now: now, logger: logger,
            optOuts: responder.lineHealth?.configuration.optOut, decoded: decoded
        )
        self.dispatcher = BotDispatcher(
            responder: responder, environment: environment, signal: signal, instanceID: configuration.instanceID, trace: configuration.handlerTrace,
            decoded: decoded
        )
        self.scheduler = BotScheduler(environment: environment, signal: signal, configuration: responder.configuration)
        self.maintenance = BotMaintenance(environment: environment, configuration: responder.configuration)
        self.instanceKeeper = BotInstanceKeeper(environment: environment, signal: signal, configuration: configuration)
        self.workListener = (store as? any WorkNotifyingStore).map {
            BotWorkListener(store: $0, environment: environment, signal: signal, workers: responder.configuration.concurrency)
        }
    }

    /// Checks the settings, migrates the store and says, once, what is weaker than line health's
    /// defaults. ``run()`` does it first; a host may call it earlier so its server starts on a
    /// ready store. Throws a ``LinqConfigurationError`` for settings that cannot work.
    public func prepare() async throws {
        try configuration.validate()
        if let breaker = environment.circuitBreaker, !breaker.watches(LinqHTTPRequest(method: .post, url: environment.client.configuration.baseURL.appending(path: "v3"))) {
            throw LinqConfigurationError(
                "The shared circuit breaker watches \(breaker.baseURL.absoluteString), not this bot's Linq base URL \(environment.client.configuration.baseURL.absoluteString): share a breaker only between clients of one base URL."
            )
        }
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

    /// Registers the instance in the store (freeing the leases an earlier process left), then
    /// runs the dispatcher, the scheduler, maintenance, the instance heartbeat and, on a store
    /// that announces work across processes, its listener, until graceful shutdown (the
    /// dispatcher then finishes what it holds, for at most ``Configuration/drainTimeout``) or
    /// cancellation; then deregisters the instance and closes the store.
    public func run() async throws {
        try await prepare()
        try await instanceKeeper.register()
        // A graceful stop ends the services last to first: the heartbeat goes on while the dispatcher drains.
        var services: [any ServiceLifecycle.Service] = [instanceKeeper]
        if let workListener { services.append(workListener) }
        services += [dispatcher, scheduler, maintenance]
        var groupConfiguration = ServiceGroupConfiguration(services: services.map { .init(service: $0) }, logger: environment.logger)
        // A handler or a store call that does not end (a statement lost with its connection)
        // must not hold the stop past the deployment's grace period.
        groupConfiguration.maximumGracefulShutdownDuration = configuration.drainTimeout
        let group = ServiceGroup(configuration: groupConfiguration)
        let outcome: Result<Void, any Error>
        do {
            try await group.run()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        // In a task of its own: a cancelled run (a sibling service failed, say the server could
        // not bind its port) still writes its last counts and frees its leases at once.
        let last = Task { [responder, store, environment, instanceKeeper] in
            // The lines' last counts of the day, kept in memory between syncs.
            if let engine = responder.lineHealth {
                for counts in [engine.dayCounts, engine.inboundDays, engine.outboundDays] { try? await counts.flush(store: store, now: environment.now()) }
            }
            await instanceKeeper.deregister()
        }
        // Bounded too: past the limit the other instances sweep this one, as after a crash.
        let limit = Task { [clock = environment.clock] in
            guard (try? await clock.sleep(for: Self.deregistrationLimit)) != nil else { return }
            last.cancel()
        }
        await last.value
        limit.cancel()
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

    /// Returns once the application listens for work announced by other instances (at once
    /// when its store announces none).
    package func listeningForWork() async { await workListener?.ready.wait() }

    /// One heartbeat and sweep of dead instances, now.
    package func heartbeatNow() async { await instanceKeeper.beat() }

    /// One prune with the configured retention, at the current time.
    @discardableResult
    public func pruneOnce() async -> PruneReport? { await maintenance.pruneOnce() }
}
