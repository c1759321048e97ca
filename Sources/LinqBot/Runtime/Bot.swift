public import Foundation
public import LinqModels
public import LinqAPI
import Logging
import Synchronization

/// A bot: routes, flows, middleware and settings. Register everything, then run it with a host
/// (`BotHost.runOrExit(bot)`, `BotTester`, or a ``BotApplication`` of your own), which calls
/// ``build()`` and so freezes it.
///
/// Line health is on from the start with its documented defaults (``LineHealthConfiguration``):
/// ``useLineHealth(_:)`` changes its settings, ``turnOffLineHealth(because:)`` is the only way
/// to run without it, and start-up then logs a warning.
///
/// ```swift
/// let bot = Bot()
/// bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
/// ```
public final class Bot: Sendable {
    /// Settings of the runtime.
    public struct Configuration: Sendable {
        /// Names the bot in idempotency keys; keep it stable across deploys.
        public var botID: String
        /// How many chats are handled at once.
        public var concurrency: Int
        /// Attempts per event before it is dead-lettered.
        public var maxAttempts: Int
        /// The backoff cap between attempts (full jitter over `min(2ⁿ s, cap)`).
        public var retryCap: Duration
        /// How long a chat lease lasts without a heartbeat.
        public var leaseDuration: Duration
        /// How often idle workers look for work anyway (expired leases, retries coming due).
        public var idlePoll: Duration
        /// How long the store keeps finished events, message-id dedup keys and sent records.
        public var retention: Retention
        /// How often the store is pruned.
        public var pruneInterval: Duration
        /// How a burst of messages from one person is taken (a flow may choose its own).
        public var burst: BurstPolicy
        /// The time zone of people whose own is not known, for wall-clock scheduling.
        public var timeZone: TimeZone

        /// Creates settings; the defaults follow the reliability plan.
        public init(
            botID: String = "linqbot", concurrency: Int = 16, maxAttempts: Int = 5, retryCap: Duration = .seconds(300),
            leaseDuration: Duration = .seconds(30), idlePoll: Duration = .seconds(1), retention: Retention = Retention(),
            pruneInterval: Duration = .seconds(3600), burst: BurstPolicy = .queue, timeZone: TimeZone = .current
        ) {
            self.botID = botID
            self.concurrency = max(1, concurrency)
            self.maxAttempts = max(1, maxAttempts)
            self.retryCap = retryCap
            self.leaseDuration = leaseDuration
            self.idlePoll = idlePoll
            self.retention = retention
            self.pruneInterval = pruneInterval
            self.burst = burst
            self.timeZone = timeZone
        }
    }

    /// The settings.
    public let configuration: Configuration

    /// What is registered, until ``build()`` freezes it.
    struct Parts: Sendable {
        var router = Router()
        var global = Router()
        var inbound: [any InboundMiddleware] = []
        var outbound: [any OutboundMiddleware] = []
        var flows: [String: any FlowDriver] = [:]
        var triggers: [(flow: String, filter: EventFilter)] = []
        var observer: EventHandler?
        /// Line health's settings; `nil` only after ``Bot/turnOffLineHealth(because:)``.
        var lineHealth: LineHealthConfiguration? = LineHealthConfiguration()
        /// Why line health is off, when it is.
        var lineHealthOffReason: String?
        /// The line pool's settings.
        var linePool = LinePoolConfiguration()
        /// What runs when a line's status changes.
        var lineStatusHandler: (@Sendable (LineStatusChange) async throws -> Void)?
        /// The responder, once built: from then on nothing may be registered.
        var built: BotResponder?
    }

    let parts = Mutex(Parts())

    /// Creates a bot with no routes and line health on with its defaults.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Changes what is registered; a programmer error once the bot was built.
    func register(_ what: String, _ change: (inout Parts) -> Void) {
        parts.withLock { parts in
            precondition(
                parts.built == nil,
                "LinqBot: \(what) was registered after the bot was built; register every route, flow and middleware before running the bot"
            )
            change(&parts)
        }
    }

    /// Freezes routes, middleware, flows and line health into the immutable responder that runs
    /// every event. Hosts call it when they assemble a ``BotApplication``; registering anything
    /// afterwards stops the program with a message saying so. Calling it again returns the same
    /// responder.
    public func build() -> BotResponder {
        parts.withLock { parts in
            if let built = parts.built { return built }
            let responder = BotResponder(configuration: configuration, parts: parts)
            parts.built = responder
            return responder
        }
    }

    /// Adds an inbound middleware; they run in the order added, before the routes (line
    /// health's inbound part runs before all of them).
    public func use(_ middleware: any InboundMiddleware) { register("an inbound middleware") { $0.inbound.append(middleware) } }

    /// Adds an outbound middleware; every action passes them in the order added, then line health.
    public func use(outbound middleware: any OutboundMiddleware) { register("an outbound middleware") { $0.outbound.append(middleware) } }

    /// Handles events of `kind` that pass `filter`.
    public func on(_ kind: EventKind, _ filter: EventFilter = .any, handler: @escaping EventHandler) {
        register("a route") { $0.router.on(kind, filter, handler: handler) }
    }

    /// Handles inbound text.
    public func onText(_ filter: EventFilter = .any, handler: @escaping @Sendable (ChatContext, String) async throws -> Void) {
        register("a text route") { $0.router.onText(filter, handler: handler) }
    }

    /// Handles the chat timer `name` (or every timer, when `nil`) falling due.
    public func onTimer(_ name: String? = nil, handler: @escaping @Sendable (ChatContext, FiredTimer) async throws -> Void) {
        let filter = EventFilter { context in context.timer.map { name == nil || $0.name == name } ?? false }
        register("a timer route") { parts in
            parts.router.on(.timer, filter) { context in
                guard let timer = context.timer else { return }
                try await handler(context, timer)
            }
        }
    }

    /// Mounts a sub-router behind `filter`.
    public func add(_ router: Router, when filter: EventFilter = .any) { register("a router") { $0.router.add(router, when: filter) } }

    /// Called when a handler throws; rethrow to have the event retried.
    public func onError(_ handler: @escaping @Sendable (any Error, ChatContext) async throws -> Void) {
        register("an error handler") { $0.router.errorHandler = handler }
    }

    /// Whether an event is our own doing (a send, or anything from our line): never answered.
    static func isOwnEvent(_ context: ChatContext) -> Bool { isOwn(context.message) }

    /// Whether `message` is one of ours (sent by the bot or from its line).
    static func isOwn(_ message: MessageEvent?) -> Bool {
        guard let message else { return false }
        if message.isOutbound || message.sender?.isMe == true { return true }
        guard let sender = message.senderAddress else { return false }
        return sender == message.lineHandle
    }

    /// A context for `event` outside any application, for routing tests.
    public static func testContext(
        event: WebhookEvent, client: LinqClient, store: any BotStore = InMemoryBotStore(), botID: String = "test"
    ) -> ChatContext {
        let responder = Bot(configuration: Configuration(botID: botID)).build()
        let environment = BotEnvironment(store: store, client: client, clock: ContinuousClock(), now: { Date() }, logger: Logger(label: "linqbot.test"))
        return ChatContext(event: event, responder: responder, environment: environment, session: [:])
    }
}
