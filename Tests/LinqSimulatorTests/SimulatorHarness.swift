import Clocks
import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import LinqSimulator
import Synchronization

/// A wall clock that moves with the test clock, and that the test can also move by hand.
final class ManualWallClock: Sendable {
    private let base: Mutex<Date>
    private let clock: ObservedClock
    private let origin: ObservedClock.Instant

    init(clock: ObservedClock, start: Date = Date(timeIntervalSince1970: 1_773_157_328)) {
        self.base = Mutex(start)
        self.clock = clock
        self.origin = clock.now
    }

    var now: Date {
        let elapsed = origin.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return base.withLock { $0 }.addingTimeInterval(seconds)
    }

    func advance(seconds: Double) { base.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A webhook target inside the test: answers from a script (then 200) and records every delivery.
final class RecordingTarget: LinqTransport {
    private let state = Mutex<(statuses: [Int], received: [LinqHTTPRequest])>((statuses: [], received: []))
    let arrivals: AsyncStream<LinqHTTPRequest>
    private let continuation: AsyncStream<LinqHTTPRequest>.Continuation

    init(statuses: [Int] = []) {
        (arrivals, continuation) = AsyncStream.makeStream()
        state.withLock { $0.statuses = statuses }
    }

    var received: [LinqHTTPRequest] { state.withLock { $0.received } }

    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        let status = state.withLock { state -> Int in
            state.received.append(request)
            return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
        }
        continuation.yield(request)
        return LinqHTTPResponse(status: status)
    }
}

/// A simulator in-process with a client, a manual wall clock, an observed sleep clock and a webhook target.
struct SimulatorHarness {
    static let line = "+15555550100"
    static let alice = "+15555550123"
    let simulator: LinqSimulator
    let client: LinqClient
    let wall: ManualWallClock
    let clock: ObservedClock
    let target: RecordingTarget

    init(configuration: SimulatorConfiguration = SimulatorConfiguration(deliveryDelay: .zero), targetStatuses: [Int] = []) {
        let clock = ObservedClock()
        let wall = ManualWallClock(clock: clock)
        let target = RecordingTarget(statuses: targetStatuses)
        let simulator = LinqSimulator(configuration: configuration, webhookTransport: target, clock: clock, now: { wall.now })
        self.simulator = simulator
        self.wall = wall
        self.clock = clock
        self.target = target
        self.client = LinqClient(
            configuration: .init(apiKey: Secret(configuration.apiKey), baseURL: SimulatorTransport.baseURL, retry: .none),
            transport: SimulatorTransport(simulator)
        )
    }

    /// Calls the control API and returns the decoded JSON answer.
    @discardableResult
    func control(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> (status: Int, json: JSONValue) {
        let data = try body.map { try JSONEncoder().encode($0) } ?? Data()
        let response = await simulator.handle(SimulatorRequest(method: method, path: path, query: nil, headers: [], body: data))
        let json = (try? JSONDecoder().decode(JSONValue.self, from: response.body)) ?? .null
        return (response.status, json)
    }

    /// A person sends `text` to our line.
    @discardableResult
    func personSends(_ text: String, from handle: String = alice) async throws -> JSONValue {
        try await control("POST", "/sim/handles/\(handle)/messages", ["line": .string(Self.line), "text": .string(text)]).json
    }

    /// Sends a raw API call and returns status and body.
    func raw(_ method: String, _ path: String, body: String? = nil, key: String? = "sim_local_key", query: String? = nil) async -> SimulatorResponse {
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        if let key { headers.append(("Authorization", "Bearer \(key)")) }
        return await simulator.handle(SimulatorRequest(method: method, path: "/api/partner" + path, query: query, headers: headers, body: Data((body ?? "").utf8)))
    }

    func subscribe(_ events: [WebhookEventType], version: String = "2026-02-03", path: String = "hook") async throws -> CreateWebhookSubscriptionResponse {
        try await client.webhookSubscriptions.create(CreateWebhookSubscriptionRequest(
            targetURL: "http://127.0.0.1:9/\(path)?version=\(version)", subscribedEvents: events
        ))
    }
}

extension LinqAPIError {
    var pair: String { "\(status ?? 0)/\(code?.rawValue ?? 0)" }
}
