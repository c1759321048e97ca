public import Foundation
package import LinqAPI
import LinqModels
package import Logging

/// Receives one webhook delivery: size limit → signature → decode → durable inbox append.
///
/// It answers only after the inbox write committed, so an acknowledged event is never lost;
/// a store that cannot commit within the ingest budget gets a 503 and Linq retries.
///
/// | Answer | When |
/// | --- | --- |
/// | 200 | stored, or already stored (duplicate) |
/// | 400 | not JSON, too deeply nested, no envelope, `event_id` ≠ `webhook-id` |
/// | 401 / 431 | signature, timestamp or header problems |
/// | 413 | body over the limit |
/// | 503 | the store did not commit within the budget |
public struct WebhookIngress: Sendable {
    /// Limits of the ingress.
    public struct Configuration: Sendable {
        /// The largest body accepted (256 KiB by default).
        public var maxBodyBytes: Int
        /// How long the inbox write may take before answering 503.
        public var ingestBudget: Duration
        /// The deepest JSON nesting accepted, checked before decoding.
        public var maxJSONDepth: Int

        /// Creates limits; the defaults follow the reliability plan.
        public init(maxBodyBytes: Int = 256 * 1024, ingestBudget: Duration = .seconds(5), maxJSONDepth: Int = 32) {
            self.maxBodyBytes = maxBodyBytes
            self.ingestBudget = ingestBudget
            self.maxJSONDepth = maxJSONDepth
        }
    }

    /// The answer to give Linq.
    public struct Outcome: Sendable, Hashable {
        /// The HTTP status.
        public var status: Int
        /// A short reason, safe to return in the body.
        public var reason: String
        /// The event id, when the envelope was readable.
        public var eventID: String?
        /// Whether this delivery stored a new event (a worker has something to do).
        public var isNew: Bool { status == 200 && reason == "stored" }
    }

    let verifier: WebhookVerifier
    let store: any BotStore
    /// The limits in force.
    public let configuration: Configuration
    let now: @Sendable () -> Date
    let logger: Logger
    let optOuts: OptOutPolicy?
    /// Where a stored event's decoded form waits for its worker.
    let decoded: DecodedEvents?
    /// The ingest budget of the appends in flight.
    let budget: SharedTimer<OneAnswer<InboxAppendResult?>>

    /// Creates an ingress. With `optOuts` (line health's keywords), an opt-out keyword is recorded
    /// before the event is acknowledged, so a STOP binds every send from then on (an opt-in
    /// waits for its turn in the chat, where line health decides whether it is one).
    /// A ``BotApplication`` makes the one a bot uses; hosts never assemble one themselves.
    package init(
        verifier: WebhookVerifier, store: any BotStore, configuration: Configuration = Configuration(),
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "linqbot.ingress"), optOuts: OptOutPolicy?, decoded: DecodedEvents? = nil
    ) {
        self.optOuts = optOuts
        self.decoded = decoded
        self.verifier = verifier
        self.store = store
        self.configuration = configuration
        self.now = now
        self.logger = logger
        self.budget = Self.budgetTimer(configuration.ingestBudget, clock: clock)
    }

    /// Handles one delivery. `header` looks a header up by name, case-insensitively.
    public func receive(body: Data, header: (String) -> String?) async -> Outcome {
        CrashPoint.afterBodyRead.reached()
        let started = ContinuousClock.now
        let outcome = await decideAndStore(body: body, header: header)
        RuntimeMetrics.webhook(status: outcome.status, duration: started.duration(to: .now))
        return outcome
    }

    private func decideAndStore(body: Data, header: (String) -> String?) async -> Outcome {
        guard body.count <= configuration.maxBodyBytes else {
            return Outcome(status: 413, reason: "body larger than \(configuration.maxBodyBytes) bytes")
        }
        let verified: VerifiedWebhook
        do {
            verified = try verifier.verify(body: body, now: now(), header: header)
        } catch {
            logger.notice("webhook refused", metadata: ["linq.reason": "\(error)"])
            return Outcome(status: error.httpStatus, reason: error.description)
        }
        guard JSONDepth.isWithin(configuration.maxJSONDepth, body) else {
            return Outcome(status: 400, reason: "JSON nested deeper than \(configuration.maxJSONDepth)")
        }
        let entry: NewInboxEvent
        var decodedEvent: WebhookEvent?
        var keyword: (handle: String, change: OptOutPolicy.Keyword, at: Date)?
        do throws(WebhookDecodingError) {
            let event = try WebhookEvent.decode(from: body)
            keyword = optOutKeyword(in: event)
            if let id = verified.id, id != event.eventID.rawValue {
                return Outcome(status: 400, reason: "event_id does not match webhook-id", eventID: event.eventID.rawValue)
            }
            if event.eventType.rawValue.hasPrefix(InboxKeys.internalTypePrefix) {
                // Timers and commands are the bot's own events; a webhook may not pose as one.
                return Outcome(status: 400, reason: "event type \(event.eventType.rawValue) is reserved for the bot itself", eventID: event.eventID.rawValue)
            }
            entry = NewInboxEvent(
                eventID: event.eventID.rawValue, dedupKey: InboxKeys.dedupKey(for: event), chatKey: InboxKeys.chatKey(for: event),
                eventType: event.eventType.rawValue, body: body, receivedAt: now()
            )
            decodedEvent = event
        } catch {
            switch error {
            case .malformedEnvelope(let reason):
                return Outcome(status: 400, reason: "malformed envelope: \(reason)")
            case .invalidPayload(let type, let id, let reason):
                // Signed but not the shape we know: keep it out of the handlers, never make Linq retry.
                logger.warning("webhook quarantined", metadata: ["linq.event_id": "\(id)", "linq.event_type": "\(type)", "linq.reason": "\(reason)"])
                entry = NewInboxEvent(eventID: id.rawValue, chatKey: InboxKeys.quarantine, eventType: type.rawValue, body: body, receivedAt: now())
            }
        }
        guard let decodedEvent else { return await append(entry) }
        return await EventTracing.ingest(decodedEvent) { await append(entry, keyword: keyword, decoded: decodedEvent) }
    }

    /// The opt-out or opt-in a person's message asks for, when line health is on.
    private func optOutKeyword(in event: WebhookEvent) -> (handle: String, change: OptOutPolicy.Keyword, at: Date)? {
        guard let optOuts, let message = event.message, message.kind == .received, message.isInbound, message.sender?.isMe != true,
              let handle = message.senderAddress, let text = message.text else { return nil }
        let change = optOuts.classify(text)
        guard change == .optOut else { return nil }
        return (handle, change, event.createdAt)
    }

    private func append(
        _ entry: NewInboxEvent, keyword: (handle: String, change: OptOutPolicy.Keyword, at: Date)? = nil, decoded event: WebhookEvent? = nil
    ) async -> Outcome {
        // Before the append: a worker may claim the event in the append's own transaction.
        if let event { decoded?.put(event, id: entry.eventID) }
        let result: InboxAppendResult?
        do {
            result = try await appendWithinBudget(entry) {
                // Before the append: once Linq has our 2xx, the change is on record.
                guard let keyword else { return }
                try await OptOutLedger(store: store).optOut(keyword.handle, at: keyword.at, now: now())
            }
        } catch {
            decoded?.take(entry.eventID)
            logger.error("inbox append failed", metadata: ["linq.event_id": "\(entry.eventID)", "linq.error": "\(error)"])
            return Outcome(status: 503, reason: "store unavailable", eventID: entry.eventID)
        }
        switch result {
        case .stored?:
            CrashPoint.afterInboxCommit.reached()
            return Outcome(status: 200, reason: "stored", eventID: entry.eventID)
        case .duplicate?:
            // Nothing new to run (a first delivery still waiting decodes its own body).
            decoded?.take(entry.eventID)
            return Outcome(status: 200, reason: "duplicate", eventID: entry.eventID)
        case nil:
            logger.error("inbox append exceeded the ingest budget", metadata: ["linq.event_id": "\(entry.eventID)"])
            return Outcome(status: 503, reason: "store did not commit in time", eventID: entry.eventID)
        }
    }
}

extension WebhookIngress {
    /// The append's result, or `nil` when the ingest budget ran out first. The answer never
    /// waits past the budget, even for a store call that cannot be cancelled (a SQLite busy
    /// wait): that call goes on alone, and if it commits later, Linq's retry is a duplicate.
    func appendWithinBudget(_ entry: NewInboxEvent, first: @escaping @Sendable () async throws -> Void = {}) async throws -> InboxAppendResult? {
        let answer = OneAnswer<InboxAppendResult?>()
        let (store, budget) = (self.store, self.budget)
        return try await withTaskCancellationHandler {
            try await answer.wait {
                let deadline = budget.add(answer)
                Task {
                    do {
                        try await first()
                        let result = try await store.append(entry)
                        budget.remove(deadline)
                        answer.answer(.success(result))
                    } catch {
                        budget.remove(deadline)
                        answer.answer(.failure(error))
                    }
                }
            }
        } onCancel: {
            answer.answer(.success(nil))
        }
    }

    /// The ingest budget of every append in flight, on one timer: an append still running when
    /// its budget is spent is answered `nil` (a 503), between 90 % and 100 % of the budget.
    static func budgetTimer(_ budget: Duration, clock: any Clock<Duration>) -> SharedTimer<OneAnswer<InboxAppendResult?>> {
        SharedTimer(clock: clock, step: max(budget / 10, .milliseconds(1)), ticks: 10, repeats: false, endsWhenIdle: true) { expired in
            for answer in expired { answer.answer(.success(nil)) }
        }
    }
}

/// A nesting check that runs before any JSON decoder sees the body.
enum JSONDepth {
    static func isWithin(_ limit: Int, _ body: Data) -> Bool {
        // Over the raw bytes: `Data`'s own iterator costs more than the whole scan.
        body.withUnsafeBytes { isWithin(limit, $0) }
    }

    private static func isWithin(_ limit: Int, _ body: UnsafeRawBufferPointer) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in body {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x5B, 0x7B:
                depth += 1
                if depth > limit { return false }
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
        return true
    }
}
