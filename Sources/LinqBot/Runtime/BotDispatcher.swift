import Foundation
import LinqAPI
import LinqModels
import Logging
import ServiceLifecycle
import Synchronization

/// Works through the inbox: claims the oldest pending event of a chat no worker holds, runs the
/// responder on it, and commits the chat's session with the event in one fenced write.
///
/// Per chat, events run strictly one at a time in order; different chats run concurrently up to
/// ``Bot/Configuration/concurrency``. A failing handler is retried with full-jitter backoff, then
/// dead-lettered so the chat moves on. On graceful shutdown, workers stop claiming and finish
/// what they hold; past the application's drain timeout they are cancelled, and a handler cut
/// short leaves its event to run again. A ``BotApplication`` owns it.
final class BotDispatcher: ServiceLifecycle.Service, Sendable {
    let responder: BotResponder
    let environment: BotEnvironment
    let signal: Signal
    let stopping = Atomic<Bool>(false)
    let instanceID: String
    let trace: HandlerTrace?
    /// The events this process's ingress already decoded.
    let decoded: DecodedEvents?
    /// The sessions this dispatcher wrote last, decoded.
    let sessions = SessionCache()
    /// The leases of the handlers running.
    let renewals: LeaseRenewals

    var store: any BotStore { environment.store }
    var now: @Sendable () -> Date { environment.now }
    var logger: Logger { environment.logger }
    var configuration: Bot.Configuration { responder.configuration }

    /// Creates a dispatcher; `environment.wake` should call ``wake()`` (the application wires it).
    init(
        responder: BotResponder, environment: BotEnvironment, signal: Signal, instanceID: String, trace: HandlerTrace? = nil, decoded: DecodedEvents? = nil
    ) {
        self.decoded = decoded
        self.responder = responder
        self.environment = environment
        self.signal = signal
        self.instanceID = instanceID
        self.trace = trace
        renewals = LeaseRenewals(environment: environment, leaseDuration: responder.configuration.leaseDuration)
    }

    /// Tells a worker that new work arrived.
    func wake() {
        signal.notify()
    }

    /// Runs the workers until graceful shutdown (then drains) or cancellation.
    func run() async throws {
        let signal = self.signal
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withDiscardingTaskGroup { group in
                    for index in 0..<configuration.concurrency {
                        group.addTask { await self.work(worker: WorkerName.make(instance: self.instanceID, index: index)) }
                    }
                }
            } onGracefulShutdown: {
                self.stopping.store(true, ordering: .relaxed)
                signal.close()
            }
        } onCancel: {
            // No worker may wait for a wake-up that will never come.
            signal.close()
        }
    }

    var isStopping: Bool { stopping.load(ordering: .relaxed) || Task.isCancelled }

    private func work(worker: String) async {
        // The event the last completion claimed in its own write: a busy worker goes from one
        // event to the next with one commit. One held when a graceful stop comes is still run;
        // on cancellation its lease is left to run out (or to the next start, which frees it).
        var next = AfterEvent.claim
        working: while !isStopping || (next.held != nil && !Task.isCancelled) {
            let claim: ClaimedEvent?
            switch next {
            case .run(let held):
                claim = held
            case .wait:
                // The completion searched for this worker's next event after its own write and
                // found none: an event stored since then wakes a worker.
                claim = nil
            case .claim:
                do {
                    claim = try await store.claimNext(worker: worker, now: now(), leaseDuration: configuration.leaseDuration, skipping: [])
                } catch {
                    // A stop cancels claims in flight (the store may word that as unavailable).
                    if error is CancellationError || isStopping { break working }
                    logger.error("claim failed", metadata: ["linq.error": "\(error)"])
                    await signal.wait()
                    continue
                }
            }
            next = .claim
            guard let claim else {
                await signal.wait()
                continue
            }
            next = await process(claim, claimingNextFor: isStopping ? nil : worker)
        }
    }

    /// What a worker does once an event is through.
    enum AfterEvent {
        /// Runs this event, which the completion claimed for it.
        case run(ClaimedEvent)
        /// Waits for a wake-up: the completion's claim found nothing.
        case wait
        /// Claims: nothing was searched for since the event ran.
        case claim

        var held: ClaimedEvent? { if case .run(let claim) = self { claim } else { nil } }
    }

    /// Runs one claimed event to a fenced outcome: done, retry later, or dead letter. With
    /// `worker`, a completion also claims that worker's next event, and the answer says what the
    /// worker does next.
    @discardableResult
    func process(_ claim: ClaimedEvent, claimingNextFor worker: String? = nil) async -> AfterEvent {
        let log = logger.scoped(["linq.event_id": "\(claim.event.eventID)", "linq.chat_key": "\(claim.event.chatKey)"])
        do {
            guard claim.event.chatKey != InboxKeys.quarantine else {
                try await store.deadLetter(claim, error: "quarantined: the payload did not match its event type", now: now())
                return .claim
            }
            let event = try decoded?.take(claim.event.eventID) ?? WebhookEvent.decode(from: claim.event.body)
            return try await EventTracing.dispatch(event, claim: claim) { try await run(claim, event: event, log: log, claimingNextFor: worker) }
        } catch BotStoreError.leaseLost(let chat) {
            trace?.record("lease_lost", claim, instance: instanceID, at: now())
            RuntimeMetrics.event("lease_lost")
            log.warning("lease lost; another worker owns the chat now", metadata: ["linq.chat_key": "\(chat)"])
        } catch is CancellationError where isStopping {
            // A stop cut the handler short (the drain timeout): no attempt is counted, and the
            // event runs again as soon as its lease is free (the instance deregisters as it stops).
            trace?.record("cancelled", claim, instance: instanceID, at: now())
            log.notice("handler cancelled by the stop; the event will run again")
        } catch {
            trace?.record("failed", claim, instance: instanceID, at: now())
            await fail(claim, error: error, logger: log)
        }
        return .claim
    }

    /// Runs a decoded event: its burst, the handler, and the fenced completion.
    private func run(_ claim: ClaimedEvent, event: WebhookEvent, log: Logger, claimingNextFor worker: String?) async throws -> AfterEvent {
        let stored = claim.sessionLoaded ? claim.session : try await store.session(chatKey: claim.event.chatKey)
        let values = stored.map { sessions.values(chatKey: claim.event.chatKey, data: $0.data) } ?? [:]
        var burst: [PendingEvent] = []
        if Self.isMessageTurn(event), case .coalesce(let window, let maxWait) = responder.burstPolicy(inFlow: values[FlowRecord.sessionKey]?["flow"]?.stringValue) {
            burst = try await followers(of: claim, event: event)
            let last = ([claim.event] + burst.map(\.event)).map(\.receivedAt).max() ?? claim.event.receivedAt
            let due = min(last.addingTimeInterval(window.seconds), claim.event.receivedAt.addingTimeInterval(maxWait.seconds))
            if due > now() {
                // Wait for the burst to end: the chat's queue stays behind this event until then.
                try await store.retry(claim, attempts: claim.attempts, notBefore: due, error: "waiting for the rest of a burst")
                decoded?.put(event, id: claim.event.eventID)
                RuntimeMetrics.event("deferred")
                return .claim
            }
        }
        let absorbed = try burst.map { try decoded?.take($0.event.eventID) ?? WebhookEvent.decode(from: $0.event.body) }
        var environment = self.environment
        environment.logger = log
        // Every Linq call made for this event logs the chat and the event it was made for.
        var calls: Logger.Metadata = ["linq.event_id": "\(claim.event.eventID)"]
        if let chat = event.chatID { calls["linq.chat_id"] = "\(chat)" }
        environment.client = environment.client.logging(calls)
        if claim.attempts > 0 {
            // A re-run calls Linq once per call: the durable attempts are its retries, so a
            // message costs at most 1 + 2 (in-call) + maxAttempts − 1 requests.
            environment.client = environment.client.retrying(.none)
        }
        let position = QueuePosition(chatKey: claim.event.chatKey, sequence: burst.last?.sequence ?? claim.sequence)
        let context = ChatContext(
            event: event, responder: responder, environment: environment, session: values, absorbed: absorbed, queuePosition: position
        )
        let own = Bot.isOwnEvent(context)
        if !own {
            CrashPoint.beforeHandler.reached()
            let started = ContinuousClock.now
            environment.pauses?.handlerStarted()
            defer { environment.pauses?.handlerEnded() }
            trace?.record("start", claim, instance: instanceID, at: now())
            try await renewals.run(claim) { try await EventTracing.handler { try await self.responder.handle(context) } }
            trace?.record("end", claim, instance: instanceID, at: now())
            let took = started.duration(to: .now)
            RuntimeMetrics.handler(took)
            environment.activity?.handled(took, at: now())
        }
        let snapshot = context.sessionSnapshot
        // A handle's queue (work for a chat that did not exist yet) keeps no session of its own.
        let keeps = snapshot.dirty && !claim.event.chatKey.hasPrefix(InboxKeys.handleQueuePrefix)
        let session = keeps ? StoredSession(data: try QuickJSONWriter.json(snapshot.values) ?? JSONEncoder().encode(snapshot.values), updatedAt: now()) : nil
        var next = AfterEvent.claim
        if let worker {
            let claimed = try await store.complete(
                claim, absorbing: burst.map(\.sequence), session: session, now: now(), claimingNextFor: worker, leaseDuration: configuration.leaseDuration
            )
            next = claimed.map(AfterEvent.run) ?? .wait
        } else if burst.isEmpty {
            try await store.complete(claim, session: session, now: now())
        } else {
            try await store.complete(claim, absorbing: burst.map(\.sequence), session: session, now: now())
        }
        if let session { sessions.wrote(chatKey: claim.event.chatKey, data: session.data, values: snapshot.values) }
        trace?.record("committed", claim, instance: instanceID, at: now())
        CrashPoint.afterCommit.reached()
        RuntimeMetrics.event(own ? "own" : "done")
        return next
    }

    private func fail(_ claim: ClaimedEvent, error: any Error, logger: Logger) async {
        let attempts = claim.attempts + 1
        do {
            if case LineHealthError.held(let until, let reason) = error {
                // Not a failure: the send may go later; the attempt is not counted.
                logger.info("event held by line health", metadata: ["linq.reason": "\(reason)"])
                try await store.retry(claim, attempts: claim.attempts, notBefore: until, error: "held: \(reason)")
                RuntimeMetrics.event("held")
            } else if let refusal = error as? LinqAPIError, refusal.kind == .circuitOpen {
                // Linq is failing and the breaker sent nothing: the event waits for the breaker,
                // its attempt not counted, so an outage of minutes ends with the reply sent late.
                // Spread over the probe wait, so the probes are not always the oldest events.
                let spread = environment.circuitBreaker?.policy.probeWait.seconds ?? 1
                let wait = (refusal.retryAfter?.seconds ?? spread) + Double.random(in: 0...spread)
                logger.info("event held: the Linq circuit breaker is open", metadata: ["linq.retry_in_s": "\(wait)"])
                try await store.retry(claim, attempts: claim.attempts, notBefore: now().addingTimeInterval(wait), error: "held: \(refusal.message)")
                RuntimeMetrics.event("circuit_open")
            } else if attempts >= configuration.maxAttempts || Self.isPermanent(error) {
                logger.error("event dead-lettered", metadata: ["linq.attempts": "\(attempts)", "linq.error": "\(error)"])
                try await store.deadLetter(claim, error: "\(error)", now: now())
                RuntimeMetrics.event("dead")
            } else {
                let cap = configuration.retryCap.seconds
                var due = now().addingTimeInterval(Double.random(in: 0...min(pow(2, Double(attempts)), cap)))
                // No use trying before an open breaker lets writes through again; a write that
                // failed (a probe, often) waits behind the events the breaker held, so the next
                // probes are others.
                if let breaker = environment.circuitBreaker, let reopens = breaker.opensForProbesAt {
                    due = max(due, reopens.addingTimeInterval(breaker.policy.probeWait.seconds))
                }
                let delay = due.timeIntervalSince(now())
                logger.warning("handler failed; will retry", metadata: ["linq.attempts": "\(attempts)", "linq.retry_in_s": "\(delay)", "linq.error": "\(error)"])
                try await store.retry(claim, attempts: attempts, notBefore: due, error: "\(error)")
                RuntimeMetrics.event("retried")
            }
        } catch {
            logger.error("could not record the failure", metadata: ["linq.error": "\(error)"])
        }
    }

    /// Whether running the event again cannot help: it is dead-lettered at once.
    static func isPermanent(_ error: any Error) -> Bool {
        if error is WebhookDecodingError || error is DecodingError || error is BotCommandError || error is LineHealthError { return true }
        if let error = error as? LinqAPIError, let status = error.status {
            // Linq refused the request itself (bad input, auth, not found, opted out): a retry sends the same refusal.
            return [400, 401, 403, 404, 422].contains(status)
        }
        return false
    }

    /// Whether `event` is a person's message (text, media or a link): a turn a burst can join.
    static func isMessageTurn(_ event: WebhookEvent) -> Bool {
        guard let message = event.message, message.kind == .received, !message.isOutbound, message.sender?.isMe != true else { return false }
        return [.text, .media, .link].contains(EventKind.of(event))
    }

    /// The messages right behind `claim` in its chat from the same person: the rest of a burst.
    private func followers(of claim: ClaimedEvent, event: WebhookEvent) async throws -> [PendingEvent] {
        var burst: [PendingEvent] = []
        for pending in try await store.pendingEvents(chatKey: claim.event.chatKey, after: claim.sequence, limit: 50) {
            guard let next = try? decoded?.peek(pending.event.eventID) ?? WebhookEvent.decode(from: pending.event.body), Self.isMessageTurn(next),
                  next.message?.senderAddress == event.message?.senderAddress else { break }
            burst.append(pending)
        }
        return burst
    }
}
