import Foundation
import LinqAPI
import LinqModels
import Logging
import Synchronization

/// Sends webhook deliveries with Linq's rules and runs delayed work (delivery receipts).
///
/// At least once: an attempt that gets a 5xx, 429, 408, a timeout or no connection is retried
/// on the configured schedule, freshly signed each time; any other 4xx ends the delivery.
final class WebhookDispatcher: Sendable {
    struct Delivery: Sendable {
        var eventID: String
        var eventType: String
        var body: Data
        var url: URL
        var secret: WebhookSecret
        var subscriptionID: String
    }

    enum Job: Sendable {
        case deliver(Delivery)
        case markDelivered(MessageID, after: Duration)
    }

    private let transport: any LinqTransport
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let schedule: [Duration]
    private let timeout: Duration
    private let faults: SimulatorConfiguration.Faults
    private let random: Mutex<SeededRandom>
    private let logger: Logger
    private let jobs: AsyncStream<Job>
    private let deliveriesQueued = Atomic<Int>(0)
    private let deliveriesFinished = Atomic<Int>(0)
    private let continuation: AsyncStream<Job>.Continuation

    init(
        transport: any LinqTransport, clock: any Clock<Duration>, now: @escaping @Sendable () -> Date, schedule: [Duration],
        timeout: Duration, faults: SimulatorConfiguration.Faults, logger: Logger
    ) {
        self.transport = transport
        self.clock = clock
        self.now = now
        self.schedule = schedule
        self.timeout = timeout
        self.faults = faults
        self.random = Mutex(SeededRandom(seed: faults.seed &+ 1))
        self.logger = logger
        (jobs, continuation) = AsyncStream.makeStream()
    }

    func enqueue(_ job: Job) {
        if case .deliver = job { deliveriesQueued.add(1, ordering: .sequentiallyConsistent) }
        continuation.yield(job)
    }

    /// Deliveries queued so far, and how many of them ended (delivered or given up on).
    var counts: (queued: Int, finished: Int) {
        let queued = deliveriesQueued.load(ordering: .sequentiallyConsistent)
        return (queued, deliveriesFinished.load(ordering: .sequentiallyConsistent))
    }

    /// Works through jobs until the surrounding task is cancelled.
    func run(
        record: @escaping @Sendable (SimulatorState.DeliveryRecord) -> Void,
        deliver: @escaping @Sendable (MessageID) -> Void
    ) async {
        await withDiscardingTaskGroup { group in
            for await job in jobs {
                group.addTask {
                    switch job {
                    case .deliver(let delivery):
                        await self.perform(delivery, record: record)
                        self.deliveriesFinished.add(1, ordering: .sequentiallyConsistent)
                    case .markDelivered(let id, let delay):
                        do { try await self.clock.sleep(for: delay) } catch { return }
                        deliver(id)
                    }
                }
            }
        }
    }

    private func chance(_ rate: Double) -> Bool { rate > 0 && random.withLock { $0.unit() } < rate }

    private func perform(_ delivery: Delivery, record: @Sendable (SimulatorState.DeliveryRecord) -> Void) async {
        do {
            if faults.deliveryDelay > .zero { try await clock.sleep(for: faults.deliveryDelay) }
            if chance(faults.reorderRate) { try await clock.sleep(for: faults.reorderDelay) }
            let delivered = try await attempts(delivery, record: record)
            if delivered, chance(faults.duplicateRate) { _ = try await attempts(delivery, record: record) }
        } catch {
            return  // cancelled: the simulator is stopping
        }
    }

    /// Tries a delivery until it succeeds, is refused for good, or the schedule runs out.
    private func attempts(_ delivery: Delivery, record: @Sendable (SimulatorState.DeliveryRecord) -> Void) async throws -> Bool {
        let signer = WebhookSigner(secret: delivery.secret)
        for attempt in 0...schedule.count {
            let timestamp = Int64(now().timeIntervalSince1970)
            let headers = signer.headers(
                id: delivery.eventID, timestamp: timestamp, body: delivery.body, eventType: delivery.eventType,
                subscriptionID: delivery.subscriptionID
            )
            let request = LinqHTTPRequest(method: .post, url: delivery.url, headers: headers, body: delivery.body, timeout: timeout)
            var entry = SimulatorState.DeliveryRecord(
                eventID: delivery.eventID, eventType: delivery.eventType, targetURL: delivery.url.absoluteString, attempt: attempt + 1
            )
            var retry = true
            do {
                let response = try await transport.send(request)
                entry.status = response.status
                if (200..<300).contains(response.status) {
                    record(entry)
                    return true
                }
                retry = response.status >= 500 || response.status == 429 || response.status == 408
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                entry.error = "\(error)"
            }
            record(entry)
            logger.debug(
                "webhook attempt failed",
                metadata: ["linq.event_id": "\(delivery.eventID)", "linq.attempt": "\(attempt + 1)", "linq.status": "\(entry.status.map(String.init) ?? entry.error ?? "-")"]
            )
            guard retry, attempt < schedule.count else { return false }
            try await clock.sleep(for: schedule[attempt])
        }
        return false
    }
}
