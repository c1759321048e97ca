public import Clocks
import Foundation
public import LinqAPI
public import LinqBot
public import LinqModels
import LinqSimulator
public import Logging
import Synchronization

/// Conversation tests for a bot: a simulator, an in-memory store, real signatures and a
/// virtual clock. No sleeping: the tester knows exactly when the bot is done.
///
/// ```swift
/// let tester = try await BotTester(bot: makeBot())
/// try await tester.run {
///     #expect(try await tester.send("hello") == ["You said: hello"])
///     try await tester.advance(by: .seconds(3600))
///     #expect(try await tester.session()["visits"] == 1)
/// }
/// ```
///
/// ``Mode/inProcess`` (the default) hands webhooks and API calls over in memory.
/// ``Mode/live`` runs the simulator and the bot's webhook server on 127.0.0.1 and carries every
/// webhook and API call over HTTP, as in production, still on the virtual clock.
///
/// ``init(instancesOn:line:otherLines:person:logger:makeBot:)`` runs several instances of one bot on one
/// shared store (a PostgreSQL database), as processes behind a round-robin load balancer.
public final class BotTester: Sendable {
    /// How the bot and the simulator talk.
    public enum Mode: Sendable, Hashable {
        /// In memory: webhooks go straight to the ingress; API calls to the simulator.
        case inProcess
        /// Over loopback HTTP: the simulator and the bot each listen on a free port.
        case live
    }

    /// How this tester connects the bot and the simulator.
    public let mode: Mode
    /// The line the bot answers on.
    public let line: String
    /// How long one wait for the bot may take in real time before it throws
    /// ``BotTesterError/stuck``: a guard against a handler that never returns, generous so that a
    /// machine busy with other tests does not fail a good one (a passing wait takes milliseconds).
    public static let patience = Duration.seconds(300)
    /// The person who talks to the bot unless a test says otherwise.
    public let person: String
    /// The virtual clock: advance it to make retries and timers come due.
    public let clock: TestClock<Duration>
    /// The client the bot uses, for looking at the simulated Linq.
    public let client: LinqClient
    /// The bot's store (in memory unless the tester was given one; the first instance's when
    /// several run).
    public var store: any QuiescentStore { running.withLock { $0.stores[0] } }
    /// The running bot: business code's handle for proactive work and inspection
    /// (`app.startFlow(…)`, `app.send(…)`, `app.chat(…)`), as in production. The first
    /// instance when several run.
    public var app: BotApplication { running.withLock { $0.apps[0] } }
    /// Every running instance of the bot, in the order the webhooks take turns over them (one
    /// unless the tester was created with ``init(instancesOn:line:otherLines:person:logger:makeBot:)``).
    public var apps: [BotApplication] { running.withLock { $0.apps } }
    let simulator: LinqSimulator
    let running: Mutex<Running>
    let deliveries: any DeliveryCounting
    let now: @Sendable () -> Date
    let live: LiveLoopback?
    let verifier: WebhookVerifier?
    let logger: Logger
    /// How many times ``advance(by:)`` polled the instances (which one goes first rotates).
    let polls = Atomic<Int>(0)

    /// The bot's applications (instances) and their stores, and the applications' tasks while
    /// ``run(_:)`` runs.
    struct Running: Sendable {
        var apps: [BotApplication]
        var stores: [any QuiescentStore]
        var tasks: [Task<Void, any Error>] = []
    }

    /// Creates a tester for `bot`, over `store` (an in-memory store by default; a
    /// `SQLiteBotStore` for restart tests). The bot logs to `logger` (nowhere by default).
    ///
    /// `otherLines` gives the simulated account more lines than `line` (for the line pool).
    public convenience init(
        bot: Bot, mode: Mode = .inProcess, line: String = "+15555550100", otherLines: [String] = [], person: String = "+15555550123",
        store: (any QuiescentStore)? = nil, logger: Logger? = nil
    ) async throws {
        try await self.init(
            instances: [(bot, store ?? InMemoryBotStore())], mode: mode, lines: [line] + otherLines, person: person, logger: logger
        )
    }

    /// Creates a tester for several instances of one bot, one per store in `stores` (each a
    /// connection to the same shared database, as each process of a deployment opens its own),
    /// in ``Mode/inProcess`` mode. `makeBot` builds each instance's bot, as each process builds
    /// its own, so the instances share nothing but the store; they run with the instance ids
    /// `instance-0`, `instance-1`, … and take the simulator's webhooks in turn, as behind a
    /// round-robin load balancer. ``app`` is the first instance, ``apps`` all of them; waiting
    /// (``settle()``, ``advance(by:)``) covers them all.
    ///
    /// ```swift
    /// let first = try await PostgresBotStore.connect(url: url)
    /// let second = try await PostgresBotStore.connect(url: url)
    /// let tester = try await BotTester(instancesOn: [first, second]) { makeBot() }
    /// ```
    public convenience init(
        instancesOn stores: [any QuiescentStore], line: String = "+15555550100", otherLines: [String] = [], person: String = "+15555550123",
        logger: Logger? = nil, makeBot: () -> Bot
    ) async throws {
        precondition(!stores.isEmpty, "BotTester needs at least one store")
        try await self.init(instances: stores.map { (makeBot(), $0) }, mode: .inProcess, lines: [line] + otherLines, person: person, logger: logger)
    }

    private init(instances: [(bot: Bot, store: any QuiescentStore)], mode: Mode, lines: [String], person: String, logger: Logger?) async throws {
        let line = lines[0]
        let clock = TestClock()
        let now = VirtualTime.wallClock(following: clock)
        let quiet = logger ?? Logger(label: "linqbot.tester") { _ in SwiftLogNoOpLogHandler() }
        let apps: [BotApplication]
        let configuration = SimulatorConfiguration(lines: lines, deliveryDelay: .zero)
        switch mode {
        case .inProcess:
            let deliveries = InProcessWebhooks()
            let simulator = LinqSimulator(configuration: configuration, webhookTransport: deliveries, clock: clock, now: now, logger: quiet)
            let client = LinqClient(
                configuration: .init(apiKey: Secret(simulator.configuration.apiKey), baseURL: SimulatorTransport.baseURL, retry: .none),
                transport: SimulatorTransport(simulator)
            )
            let subscription = try await Self.subscribe(client, target: "http://127.0.0.1:9/webhooks/linq")
            let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(subscription.signingSecret)]))
            apps = instances.enumerated().map { index, instance in
                Self.application(
                    instance.bot, store: instance.store, client: client, verifier: verifier, clock: clock, now: now, logger: quiet,
                    instanceID: instances.count > 1 ? "instance-\(index)" : nil
                )
            }
            deliveries.connect(apps)
            (self.simulator, self.client, self.deliveries, self.live) = (simulator, client, deliveries, nil)
            self.verifier = verifier
        case .live:
            let live = try await LiveLoopback.start(
                bot: instances[0].bot, simulatorConfiguration: configuration, store: instances[0].store, clock: clock, now: now, logger: quiet
            )
            apps = [live.app]
            (self.simulator, self.client, self.deliveries, self.live) = (live.simulator, live.client, live.deliveries, live)
            self.verifier = nil
        }
        self.running = Mutex(Running(apps: apps, stores: instances.map(\.store)))
        self.logger = quiet
        self.mode = mode
        self.line = line
        self.person = person
        self.clock = clock
        self.now = now
    }

    /// The one assembly of a tested bot: an application over the tester's parts, on its clock,
    /// leaving the store open when it stops (a restart hands the store to the next build).
    static func application(
        _ bot: Bot, store: any BotStore, client: LinqClient, verifier: WebhookVerifier, clock: TestClock<Duration>,
        now: @escaping @Sendable () -> Date, logger: Logger, instanceID: String? = nil
    ) -> BotApplication {
        // A heartbeat an hour apart, so moving the clock a day on costs 24 beats, not 43,200;
        // instances that all beat on the one clock never miss the timeout.
        var configuration = BotApplication.Configuration(heartbeatInterval: .seconds(3600), instanceTimeout: .seconds(7200), closesStore: false)
        if let instanceID { configuration.instanceID = instanceID }
        let app = BotApplication(bot: bot, store: store, client: client, verifier: verifier, configuration: configuration, clock: clock, now: now, logger: logger)
        // The tester moves the clock from one due moment to the next and polls after each step.
        app.overrideIdlePoll(.seconds(3600))
        return app
    }

    /// What people do: each person action is exactly one delivery, so waiting is exact. Edits,
    /// tapbacks and group changes our line makes come back too, as they do from Linq.
    static func subscribe(_ client: LinqClient, target: String) async throws -> CreateWebhookSubscriptionResponse {
        try await client.webhookSubscriptions.create(CreateWebhookSubscriptionRequest(
            targetURL: target,
            subscribedEvents: [
                .messageReceived, .messageEdited, .reactionAdded, .reactionRemoved, .chatTypingIndicatorStarted, .chatTypingIndicatorStopped,
                .participantAdded, .participantRemoved, .contactCardReceived, .phoneNumberStatusUpdated,
            ]
        ))
    }

    /// Runs the bot around `body`: webhook delivery and the dispatcher are live inside it. In
    /// live mode the servers stop when it returns; run a live tester once. Throws
    /// ``BotTesterError/stuck`` when the bot does not stop within ``patience`` after `body`.
    public func run(_ body: () async throws -> Void) async throws {
        let simulatorTask = Task { try await simulator.run() }
        startApplication()
        do {
            try await body()
        } catch {
            simulatorTask.cancel()
            await stopApplication()
            await live?.stop()
            throw error
        }
        simulatorTask.cancel()
        let stopped = await stopApplication()
        await live?.stop()
        // A handler that never ends would otherwise hold the whole test run.
        guard stopped else { throw BotTesterError.stuck }
    }

    private func startApplication() {
        running.withLock { running in
            running.tasks = running.apps.map { app in Task { try await app.run() } }
        }
    }

    /// Cancels the application and waits for it to end, at most ``patience`` of real time;
    /// answers whether it ended.
    @discardableResult
    private func stopApplication() async -> Bool {
        let tasks = running.withLock { running in
            defer { running.tasks = [] }
            return running.tasks
        }
        for task in tasks { task.cancel() }
        return await Self.end(of: tasks, within: Self.patience)
    }

    /// Waits until every task ended or `limit` of real time passed, whichever comes first.
    private static func end(of tasks: [Task<Void, any Error>], within limit: Duration) async -> Bool {
        let answered = FirstAnswer()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answer: @Sendable (Bool) -> Void = { ended in
                if answered.take() { continuation.resume(returning: ended) }
            }
            let timer = Task {
                guard (try? await Task.sleep(for: limit)) != nil else { return }
                answer(false)
            }
            Task {
                for task in tasks { _ = await task.result }
                timer.cancel()
                answer(true)
            }
        }
    }

    /// Restarts the bot inside ``run(_:)`` as a deploy would: the application stops, `reopen`
    /// (if given) may close the store and return it opened again, and `bot`, a new build of the
    /// bot, runs on. The simulator, its chats and the clock carry on. In-process mode, one
    /// instance only.
    public func restart(with bot: Bot, reopen: (() async throws -> any QuiescentStore)? = nil) async throws {
        guard let verifier, let webhooks = deliveries as? InProcessWebhooks, apps.count == 1 else { throw BotTesterError.restartNeedsInProcessMode }
        await stopApplication()
        let store = try await reopen?() ?? self.store
        let app = Self.application(bot, store: store, client: client, verifier: verifier, clock: clock, now: now, logger: logger)
        webhooks.connect(app)
        running.withLock { $0 = Running(apps: [app], stores: [store]) }
        startApplication()
        try await settle()
    }

    /// A person sends `text`; returns once the bot has handled it (or scheduled a retry), with
    /// the texts the bot sent that person meanwhile.
    @discardableResult
    public func send(_ text: String, from handle: String? = nil) async throws -> [String] {
        let body = try JSONEncoder().encode(["line": line, "text": text])
        return try await control("POST", "/sim/handles/\(handle ?? person)/messages", body: body, handle: handle)
    }

    /// A person sends `text` and the call returns once the bot acknowledged the webhook (the
    /// message is in its inbox), without waiting for the bot to handle it: for messages that
    /// must arrive while the bot is busy. ``settle()`` waits for the rest. In the group `chat`
    /// when given.
    public func deliver(_ text: String, in chat: ChatID? = nil, from handle: String? = nil) async throws {
        var fields = ["line": line, "text": text]
        fields["chat_id"] = chat?.rawValue
        let body = try JSONEncoder().encode(fields)
        let expected = deliveries.count + 1
        try await simulate("POST", "/sim/handles/\(handle ?? person)/messages", body: body)
        let deadline = ContinuousClock.now.advanced(by: Self.patience)
        while deliveries.count < expected {
            guard ContinuousClock.now < deadline else { throw BotTesterError.stuck }
            await Task.yield()
        }
    }

    /// A person sends a tapback on `messageID`; returns once the bot has handled it, with the
    /// texts the bot sent that person meanwhile.
    @discardableResult
    public func react(_ type: ReactionType, to messageID: MessageID, from handle: String? = nil) async throws -> [String] {
        let body = try JSONEncoder().encode(["message_id": messageID.rawValue, "type": type.rawValue])
        return try await control("POST", "/sim/handles/\(handle ?? person)/reactions", body: body, handle: handle)
    }

    /// Events the bot gave up on.
    public func deadLetters() async throws -> [DeadLetter] { try await store.deadLetters(limit: 100) }

    private func control(_ method: String, _ path: String, body: Data, handle: String?) async throws -> [String] {
        let before = try await replies(to: handle).count
        try await simulate(method, path, body: body)
        // The person's webhook, and what the bot's own calls set off (its tapbacks, edits, group changes).
        try await settleWebhooks()
        return Array(try await replies(to: handle).dropFirst(before))
    }

    /// Calls the simulator's control API; a refusal throws ``BotTesterError/refused(status:body:)``.
    func simulate(_ method: String, _ path: String, body: Data) async throws {
        let response = await simulator.handle(SimulatorRequest(method: method, path: path, query: nil, headers: [], body: body))
        guard (200..<300).contains(response.status) else {
            throw BotTesterError.refused(status: response.status, body: String(decoding: response.body, as: UTF8.self))
        }
    }
}

/// Lets only the first of several racing answers through.
private final class FirstAnswer: Sendable {
    private let answered = Atomic(false)

    /// Whether this is the first call.
    func take() -> Bool { !answered.exchange(true, ordering: .relaxed) }
}
