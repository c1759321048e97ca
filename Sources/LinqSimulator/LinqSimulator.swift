public import Foundation
public import LinqAPI
import LinqModels
public import Logging
public import ServiceLifecycle
import Synchronization

/// A local Linq: the Partner API V3, its rules and error codes, signed webhooks, and a control API.
///
/// Serve it over HTTP with ``SimulatorServer``, or call it in-process through
/// ``SimulatorTransport``. Run it as a `Service` (``run()``) so webhooks and delayed
/// delivery receipts go out.
///
/// ```swift
/// let simulator = LinqSimulator(configuration: .init(apiKey: "sim_key"))
/// let client = LinqClient(
///     configuration: .init(apiKey: "sim_key", baseURL: SimulatorTransport.baseURL),
///     transport: SimulatorTransport(simulator)
/// )
/// ```
public final class LinqSimulator: ServiceLifecycle.Service, Sendable {
    /// The configuration the simulator was created with.
    public let configuration: SimulatorConfiguration
    let state: Mutex<SimulatorState>
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let dispatcher: WebhookDispatcher
    let random: Mutex<SeededRandom>
    let logger: Logger

    /// Creates a simulator.
    ///
    /// - Parameters:
    ///   - webhookTransport: what POSTs webhooks to subscription targets (async-http-client in
    ///     production; an in-process transport in tests).
    ///   - clock: what retries and delays wait on.
    ///   - now: the wall clock for timestamps and rate windows.
    public init(
        configuration: SimulatorConfiguration = SimulatorConfiguration(),
        webhookTransport: any LinqTransport,
        clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "linq.simulator")
    ) {
        self.configuration = configuration
        self.state = Mutex(SimulatorState(configuration: configuration))
        self.clock = clock
        self.now = now
        self.random = Mutex(SeededRandom(seed: configuration.faults.seed))
        self.logger = logger
        self.dispatcher = WebhookDispatcher(
            transport: webhookTransport, clock: clock, now: now, schedule: configuration.webhookRetrySchedule,
            timeout: configuration.webhookTimeout, faults: configuration.faults, logger: logger
        )
    }

    /// Sends webhooks and delayed receipts until cancelled.
    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await self.dispatch() }
    }

    private func dispatch() async throws {
        await dispatcher.run { [weak self] record in self?.state.withLock { $0.deliveries.append(record) } } deliver: { [weak self] id in
            self?.markDelivered(id)
        }
    }

    /// Answers one request: the V3 API under `/api/partner`, the control API under `/sim`, the page at `/`.
    public func handle(_ request: SimulatorRequest) async -> SimulatorResponse {
        let traceID = random.withLock { $0.hex(32) }
        var response: SimulatorResponse
        if request.segments.starts(with: ["api", "partner"]) {
            if configuration.faults.apiLatency > .zero { try? await clock.sleep(for: configuration.faults.apiLatency) }
            response = api(request, traceID: traceID)
        } else if request.segments.first == "sim" {
            if request.method == "GET", request.segments == ["sim", "changes"] {
                response = await changes(after: Int(request.query["after"] ?? "") ?? 0)
            } else if request.method == "PUT", request.segments.count == 3, request.segments[1] == "uploads" {
                response = locked(request, traceID: traceID) { api, state in api.upload(request, state: &state) }
            } else {
                response = locked(request, traceID: traceID) { api, state in try api.handleControl(request, state: &state) }
            }
        } else if request.method == "GET", request.segments.isEmpty || request.segments == ["index.html"] {
            response = SimulatorResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(ChatPage.html.utf8))
        } else {
            response = SimulatorError(404, 1005, "Nothing at /\(request.segments.joined(separator: "/")); the API lives under /api/partner/v3.").response(traceID: traceID)
        }
        response.headers.append(("X-Trace-ID", traceID))
        return response
    }

    private func api(_ request: SimulatorRequest, traceID: String) -> SimulatorResponse {
        guard let authorization = request.header("authorization"), authorization.hasPrefix("Bearer "),
            authorization.dropFirst(7) == configuration.apiKey
        else {
            return SimulatorError(401, 2004, "Missing or invalid API key: send Authorization: Bearer <key>.").response(traceID: traceID)
        }
        if configuration.faults.apiErrorRate > 0, random.withLock({ $0.unit() }) < configuration.faults.apiErrorRate {
            return SimulatorError(500, 3006, "Injected failure.").response(traceID: traceID)
        }
        let outage = outageFault()
        if let fault = outage?.fault, fault != .timeout {
            // Nothing is done: 503, or a connection cut before any answer.
            return locked(request, traceID: traceID) { api, state in
                if let reach = SimulatorLoggedRequest.classify(request, state: state) {
                    state.requestLog.append(reach.entry(fault == .reset ? 0 : 503, api.now, fault))
                }
                var response = SimulatorError(503, 4004, "Linq is unavailable (injected outage).").response(traceID: traceID)
                if fault == .reset { response.transportFault = .reset }
                return response
            }
        }
        var response = locked(request, traceID: traceID) { api, state in
            guard let reach = SimulatorLoggedRequest.classify(request, state: state) else { return try api.handleAPI(request, state: &state) }
            let response: SimulatorResponse
            do {
                if reach.kind == .message, let storm = state.rateStorm, api.now < storm.until {
                    throw SimulatorError(429, 1007, "Rate limit exceeded (injected).", retryAfter: storm.retryAfter)
                }
                response = try api.handleAPI(request, state: &state)
            } catch let error as SimulatorError {
                response = error.response(traceID: traceID)
            }
            state.requestLog.append(reach.entry(response.status, api.now, outage?.fault))
            return response
        }
        // A timeout: the call was carried out, its answer never comes.
        if let outage, outage.fault == .timeout { response.transportFault = .hang(outage.hang) }
        return response
    }

    /// The outage fault this call meets, drawn now, with how long a hanging call hangs.
    private func outageFault() -> (fault: SimulatorOutage.Fault, hang: Duration)? {
        let outage = state.withLock { $0.outage }
        guard outage.isActive else { return nil }
        let unit = random.withLock { $0.unit() }
        return outage.fault(now: now(), unit: unit).map { ($0, outage.hang) }
    }

    /// How many webhook deliveries were queued so far, and how many of them ended (delivered,
    /// or given up on after the retries). Equal counts mean no webhook is on its way; a test
    /// harness waits for that before it looks for the bot to be done, and reads `queued` again
    /// afterwards to know that the bot's own calls set off no new webhook meanwhile.
    public var webhookCounts: (queued: Int, finished: Int) { dispatcher.counts }

    /// Every API call so far that reached people or changed a chat (see
    /// ``SimulatorLoggedRequest/Kind``), refused ones included, oldest first; only those
    /// involving `handle` when given.
    public func requests(involving handle: String? = nil) -> [SimulatorLoggedRequest] {
        state.withLock { state in state.requestLog.filter { handle == nil || $0.recipients.contains(handle!) } }
    }

    /// The files uploaded so far (`POST /v3/attachments` and the presigned upload), oldest first.
    public func uploadedFiles() -> [SimulatorUploadedFile] {
        state.withLock { state in
            state.attachments.values.filter(\.uploaded).sorted { ($0.createdAt, $0.id.rawValue) < ($1.createdAt, $1.id.rawValue) }.map {
                SimulatorUploadedFile(id: $0.id, filename: $0.filename, contentType: $0.contentType, data: $0.bytes)
            }
        }
    }

    /// Runs a handler under the lock, then hands the events it produced to the dispatcher.
    func locked(
        _ request: SimulatorRequest, traceID: String, _ body: (SimulatorAPI, inout SimulatorState) throws -> SimulatorResponse
    ) -> SimulatorResponse {
        let api = SimulatorAPI(configuration: configuration, now: now(), traceID: traceID)
        let (response, deliveries, awaiting) = state.withLock { state in
            let response: SimulatorResponse
            do {
                response = try body(api, &state)
            } catch let error as SimulatorError {
                response = error.response(traceID: traceID)
            } catch {
                response = SimulatorError(500, 3006, "Unexpected failure: \(error)").response(traceID: traceID)
            }
            if request.method != "GET" { state.version += 1 }
            let deliveries = Self.deliveries(for: state.pending, in: state)
            let awaiting = state.awaitingDelivery
            state.pending = []
            state.awaitingDelivery = []
            return (response, deliveries, awaiting)
        }
        for delivery in deliveries { dispatcher.enqueue(.deliver(delivery)) }
        for id in awaiting { dispatcher.enqueue(.markDelivered(id, after: configuration.deliveryDelay)) }
        return response
    }

    /// Turns a sent DM message into a delivered one and reports it.
    func markDelivered(_ id: MessageID) {
        _ = locked(SimulatorRequest(method: "POST", path: "/", query: nil, headers: [], body: Data()), traceID: random.withLock { $0.hex(32) }) { api, state in
            guard var message = state.messages[id], let chat = state.chats[message.chatID], message.status == .sent else { return .empty(204) }
            message.status = .delivered
            message.deliveredAt = api.now
            state.messages[id] = message
            api.emitMessage(.delivered, message, chat: chat, state: &state)
            return .empty(204)
        }
    }

    private func changes(after version: Int) async -> SimulatorResponse {
        // Ends early when the host shuts down, so an open page never delays a stop.
        for _ in 0..<50 where !Task.isCancelled && !Task.isShuttingDownGracefully {
            let current = state.withLock { $0.version }
            if current > version { return .json(200, ["version": current]) }
            do { try await clock.sleep(for: .milliseconds(200)) } catch { break }
        }
        return .json(200, ["version": state.withLock { $0.version }])
    }

    static func deliveries(for events: [SimulatorState.PendingEvent], in state: SimulatorState) -> [WebhookDispatcher.Delivery] {
        var deliveries: [WebhookDispatcher.Delivery] = []
        for pending in events {
            for id in state.subscriptionOrder {
                guard let subscription = state.subscriptions[id], subscription.isActive,
                    subscription.events.contains(pending.event.eventType)
                else { continue }
                if let numbers = subscription.phoneNumbers, let line = pending.line, !numbers.contains(line) { continue }
                guard let url = URL(string: subscription.targetURL), let secret = try? WebhookSecret(subscription.secret) else { continue }
                let requested = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "version" }?.value
                let version = WebhookVersion(rawValue: requested ?? WebhookVersion.latest.rawValue)
                // message.edited exists only in 2026-02-03 payloads.
                if pending.event.eventType == .messageEdited, version == .v2025_01_01 { continue }
                var event = pending.event
                event.webhookVersion = version
                guard let body = try? event.encodedBody(version: version) else { continue }
                deliveries.append(.init(
                    eventID: event.eventID.rawValue, eventType: event.eventType.rawValue, body: body, url: url, secret: secret,
                    subscriptionID: subscription.id.rawValue
                ))
            }
        }
        return deliveries
    }
}
