public import Clocks
import Foundation
public import LinqAPI
public import LinqBot
public import LinqModels
import LinqSimulator
import Logging

/// Conversation tests for a bot, in-process: a simulator, an in-memory store, real signatures
/// and a virtual clock. No sockets, no sleeping.
///
/// ```swift
/// let tester = try await BotTester(bot: makeBot())
/// try await tester.run {
///     try await tester.send("hello")
///     #expect(try await tester.replies() == ["You said: hello"])
/// }
/// ```
public final class BotTester: Sendable {
    /// The line the bot answers on.
    public let line: String
    /// The person who talks to the bot unless a test says otherwise.
    public let person: String
    /// The virtual clock: advance it to make retries and timers come due.
    public let clock: TestClock<Duration>
    /// The client the bot uses, for looking at the simulated Linq.
    public let client: LinqClient
    let simulator: LinqSimulator
    let store: InMemoryBotStore
    let dispatcher: BotDispatcher
    let deliveries: InProcessWebhooks
    let now: @Sendable () -> Date

    /// Creates a tester for `bot`.
    public init(bot: Bot, line: String = "+15555550100", person: String = "+15555550123") async throws {
        let clock = TestClock()
        let now = VirtualTime.wallClock(following: clock)
        let quiet = Logger(label: "linqbot.tester") { _ in SwiftLogNoOpLogHandler() }
        let deliveries = InProcessWebhooks()
        let simulator = LinqSimulator(
            configuration: SimulatorConfiguration(lines: [line], deliveryDelay: .zero), webhookTransport: deliveries, clock: clock, now: now,
            logger: quiet
        )
        let client = LinqClient(
            configuration: .init(apiKey: Secret(simulator.configuration.apiKey), baseURL: SimulatorTransport.baseURL, retry: .none),
            transport: SimulatorTransport(simulator)
        )
        // Inbound events only: each person action is exactly one delivery, so waiting is exact.
        let subscription = try await client.webhookSubscriptions.create(CreateWebhookSubscriptionRequest(
            targetURL: "http://127.0.0.1:9/webhooks/linq",
            subscribedEvents: [.messageReceived, .reactionAdded, .reactionRemoved, .chatTypingIndicatorStarted, .chatTypingIndicatorStopped]
        ))
        let store = InMemoryBotStore()
        let dispatcher = BotDispatcher(bot: bot, store: store, client: client, clock: clock, now: now, logger: quiet)
        let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(subscription.signingSecret)]))
        deliveries.connect(WebhookIngress(verifier: verifier, store: store, clock: clock, now: now, logger: quiet) { dispatcher.wake() })
        self.line = line
        self.person = person
        self.clock = clock
        self.client = client
        self.simulator = simulator
        self.store = store
        self.dispatcher = dispatcher
        self.deliveries = deliveries
        self.now = now
    }

    /// Runs the bot around `body`: webhook delivery and the dispatcher are live inside it.
    public func run(_ body: () async throws -> Void) async throws {
        let simulatorTask = Task { try await simulator.run() }
        let dispatcherTask = Task { try await dispatcher.run() }
        defer {
            simulatorTask.cancel()
            dispatcherTask.cancel()
        }
        try await body()
    }

    /// A person sends `text`; returns once the bot has handled it (or scheduled a retry).
    public func send(_ text: String, from handle: String? = nil) async throws {
        let body = try JSONEncoder().encode(["line": line, "text": text])
        try await control("POST", "/sim/handles/\(handle ?? person)/messages", body: body)
    }

    /// A person sends a tapback on `messageID`; returns once the bot has handled it.
    public func react(_ type: ReactionType, to messageID: MessageID, from handle: String? = nil) async throws {
        let body = try JSONEncoder().encode(["message_id": messageID.rawValue, "type": type.rawValue])
        try await control("POST", "/sim/handles/\(handle ?? person)/reactions", body: body)
    }

    /// The texts our line sent to `handle` (the default person), oldest first.
    public func replies(to handle: String? = nil) async throws -> [String] {
        try await sentMessages(to: handle).compactMap { message in
            message["parts"]?[0]?["value"]?.stringValue
        }
    }

    /// What our line sent to `handle`, as the simulator's control API reports it (parts, status, reactions).
    public func sentMessages(to handle: String? = nil) async throws -> [JSONValue] {
        let who = handle ?? person
        let response = await simulator.handle(SimulatorRequest(
            method: "GET", path: "/sim/lines/\(line)/sent", query: "handle=%2B\(who.dropFirst())", headers: [], body: Data()
        ))
        guard case .array(let messages) = try JSONDecoder().decode(JSONValue.self, from: response.body)["messages"] else { return [] }
        return messages
    }

    /// The session values stored for the chat between our line and `handle`.
    public func session(with handle: String? = nil) async throws -> [String: JSONValue] {
        let chats = try await client.chats.list(from: line, to: handle ?? person)
        guard let chat = chats.chats.first(where: { !$0.isGroup }), let stored = try await store.session(chatKey: chat.id.rawValue) else { return [:] }
        return try JSONDecoder().decode([String: JSONValue].self, from: stored.data)
    }

    /// Moves the virtual clock (and the wall clock with it), then lets due work finish.
    public func advance(by duration: Duration) async throws {
        await clock.advance(by: duration)
        try await settle()
    }

    /// Events the bot gave up on.
    public func deadLetters() async throws -> [DeadLetter] { try await store.deadLetters(limit: 100) }

    private func control(_ method: String, _ path: String, body: Data) async throws {
        let expected = deliveries.count + 1
        let response = await simulator.handle(SimulatorRequest(method: method, path: path, query: nil, headers: [], body: body))
        guard (200..<300).contains(response.status) else {
            throw BotTesterError.refused(status: response.status, body: String(decoding: response.body, as: UTF8.self))
        }
        try await settle(deliveries: expected)
    }

    /// Waits, yielding and never sleeping, until `deliveries` webhooks arrived and the bot is
    /// quiet: nothing running and nothing due (events waiting for a retry come due only when
    /// the clock is advanced).
    private func settle(deliveries expected: Int? = nil) async throws {
        for _ in 0..<1_000_000 {
            if deliveries.count >= (expected ?? 0), store.isQuiet(at: now()) { return }
            await Task.yield()
        }
        throw BotTesterError.stuck
    }
}

/// Why a conversation test could not go on.
public enum BotTesterError: Error, Sendable {
    /// The simulator refused the person's action.
    case refused(status: Int, body: String)
    /// The bot did not finish its work (a handler that never returns?).
    case stuck
}
