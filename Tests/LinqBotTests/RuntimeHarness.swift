import Clocks
import Foundation
import LinqAPI
import LinqBot
import LinqBotTesting
import LinqFixtures
import LinqModels
import LinqSimulator
import Logging
import Synchronization

/// A bot wired to an in-process simulator through real signatures, an in-memory store and a test clock.
struct RuntimeHarness {
    static let line = "+15555550100"
    let simulator: LinqSimulator
    let client: LinqClient
    let store: InMemoryBotStore
    let app: BotApplication
    let clock: TestClock<Duration>
    /// The wall clock the simulator and the application read.
    let now: @Sendable () -> Date

    init(bot: Bot, events: [WebhookEventType] = [.messageReceived, .messageSent, .reactionAdded], clientLogger: Logger? = nil) async throws {
        let clock = TestClock()
        self.clock = clock
        // The wall clock moves with the test clock, so advancing it makes retries come due.
        let now = VirtualTime.wallClock(following: clock)
        self.now = now
        let transport = InProcessWebhooks()
        let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let simulator = LinqSimulator(configuration: SimulatorConfiguration(deliveryDelay: .zero), webhookTransport: transport, clock: clock, now: now, logger: quiet)
        let client = LinqClient(
            configuration: .init(apiKey: "sim_local_key", baseURL: SimulatorTransport.baseURL, retry: .none),
            transport: SimulatorTransport(simulator), logger: clientLogger ?? quiet
        )
        let subscription = try await client.webhookSubscriptions.create(
            CreateWebhookSubscriptionRequest(targetURL: "http://127.0.0.1:9/webhooks/linq", subscribedEvents: events)
        )
        let store = InMemoryBotStore()
        // These tests are about the runtime itself; line health has suites of its own.
        if bot.lineHealth != nil { bot.turnOffLineHealth(because: "runtime tests exercise the pipeline alone") }
        let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(subscription.signingSecret)]))
        let app = BotApplication(bot: bot, store: store, client: client, verifier: verifier, clock: clock, now: now, logger: quiet)
        transport.connect(app)
        self.simulator = simulator
        self.client = client
        self.store = store
        self.app = app
    }

    /// Runs the simulator's deliveries and the application around `body`.
    func running(_ body: () async throws -> Void) async throws {
        let simulatorTask = Task { try await simulator.run() }
        let dispatcherTask = Task { try await app.run() }
        defer {
            simulatorTask.cancel()
            dispatcherTask.cancel()
        }
        try await body()
    }

    /// A person sends text to our line.
    @discardableResult
    func personSends(_ text: String, from handle: String = "+15555550123") async -> SimulatorResponse {
        await simulator.handle(SimulatorRequest(
            method: "POST", path: "/sim/handles/\(handle)/messages", query: nil, headers: [],
            body: Data(#"{"line":"\#(Self.line)","text":"\#(text)"}"#.utf8)
        ))
    }

    /// What our line sent to `handle`, as texts.
    func sent(to handle: String = "+15555550123") async throws -> [String] {
        let response = await simulator.handle(SimulatorRequest(method: "GET", path: "/sim/lines/\(Self.line)/sent", query: "handle=%2B\(handle.dropFirst())", headers: [], body: Data()))
        let json = try JSONDecoder().decode(JSONValue.self, from: response.body)
        guard case .array(let messages) = json["messages"] else { return [] }
        return messages.compactMap { $0["parts"]?[0]?["value"]?.stringValue }
    }

    /// Waits (yielding, never sleeping; bounded in real time) until our line sent something,
    /// then until the inbox has nothing left to do: the simulator delivers a person's webhook on
    /// its own task.
    func repliedAndDrained() async throws {
        _ = try await eventually { try await !sent().isEmpty }
        try await drained()
    }

    /// Waits (yielding, never sleeping; bounded in real time) until the inbox has nothing left to do.
    func drained() async throws {
        guard try await eventually({ try await store.pendingCount() == 0 }) else { throw HarnessError.notDrained }
    }
}

enum HarnessError: Error { case notDrained }

/// A stream the handlers write to, so tests can wait for them without sleeping.
final class Beacon<Value: Sendable>: Sendable {
    let stream: AsyncStream<Value>
    private let continuation: AsyncStream<Value>.Continuation
    private let sent = Atomic<Int>(0)

    init() { (stream, continuation) = AsyncStream.makeStream() }

    func send(_ value: Value) {
        sent.add(1, ordering: .relaxed)
        continuation.yield(value)
    }

    /// How many values were sent so far, read or not (for waits bounded in time).
    var count: Int { sent.load(ordering: .relaxed) }

    func next(_ count: Int = 1) async -> [Value] {
        var iterator = stream.makeAsyncIterator()
        var values: [Value] = []
        while values.count < count, let value = await iterator.next() { values.append(value) }
        return values
    }
}
