import Foundation
import LinqAPI
import LinqBot
import LinqBotSQLite
import Logging
import ServiceLifecycle

/// Per-event cost of the dispatcher on SQLite as the number of stored chats grows: claim →
/// handler that reads and writes its chat's session → fenced complete.
///
/// For each size, a fresh database gets that many sessions (and released leases) by bulk SQL;
/// then, per round, `events` inbound messages for chats picked at random among the stored ones
/// are appended to the inbox, and a `BotDispatcher` (default settings) drains them. The cost
/// is the drain's wall time divided by the events; the median round counts. The handler sends
/// nothing, so the figure is the runtime and the store alone.
enum FlatCostBenchmark {
    static let allowedGrowth = 0.20

    struct Round {
        var perEvent: Duration
        var totals: TimingStore.Totals
    }

    static func run(sizes: [Int], events: Int, rounds: Int, workers: Int, folder: URL) async throws {
        Report.header("flat-cost: \(events) events per round, \(rounds) rounds per size, SQLite FULL sync, \(workers) workers")
        DiskProbe.report(in: folder)
        let template = try Fixtures.messageReceived()
        var medians: [(size: Int, perEvent: Duration)] = []
        for size in sizes {
            let path = folder.appendingPathComponent("flat-\(size)-\(UUID().uuidString).sqlite").path
            defer { EndToEndBenchmark.removeDatabase(path) }
            let seeding = try await SessionSeeder.seed(path: path, count: size, cacheMiB: 256)
            let store = try await SQLiteBotStore.open(path: path)
            var results: [Round] = []
            do {
                for round in 0..<rounds {
                    results.append(try await measure(store: store, size: size, events: events, round: round, workers: workers, template: template))
                }
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let median = results.map(\.perEvent).sorted()[results.count / 2]
            medians.append((size, median))
            let rounds = results.map { String(format: "%.0f", $0.perEvent.inMilliseconds * 1000) }.joined(separator: " / ")
            let last = results[results.count - 1].totals
            Report.line(
                "\(Report.format(Double(size), 0).padding(toLength: 9, withPad: " ", startingAt: 0)) sessions: median \(String(format: "%6.0f", median.inMilliseconds * 1000)) µs/event (rounds \(rounds) µs); seeded in \(String(format: "%.1f", seeding.inSeconds)) s; file \(bytes / 1_048_576) MiB"
            )
            Report.line(
                "          store time per call, waiting for the connection included (last round): claim \(micro(last.claimTime, last.claims)), session read \(micro(last.sessionTime, last.sessionReads)), complete \(micro(last.completeTime, last.completes)); \(last.emptyClaims) empty claims"
            )
        }
        guard let base = medians.first else { return }
        for (size, cost) in medians.dropFirst() {
            let growth = cost.inMilliseconds / base.perEvent.inMilliseconds - 1
            Report.check(
                "\(Report.format(Double(size), 0)) vs \(Report.format(Double(base.size), 0)) sessions", growth * 100, atMost: allowedGrowth * 100, unit: "%", digits: 1
            )
        }
    }

    private static func micro(_ total: Duration, _ count: Int) -> String {
        count == 0 ? "-" : String(format: "%.0f µs", total.inMilliseconds * 1000 / Double(count))
    }

    /// Appends `events` messages for random stored chats, then times one dispatcher draining them.
    private static func measure(
        store: SQLiteBotStore, size: Int, events: Int, round: Int, workers: Int, template: WebhookTemplate
    ) async throws -> Round {
        var random = SplitMix64(seed: UInt64(size * 31 + round))
        let now = Date()
        let entries = (0..<events).map { index in
            let chat = SessionSeeder.chatKey(1 + Int(random.next() % UInt64(size)))
            let id = "flat-\(size)-\(round)-\(index)"
            return NewInboxEvent(
                eventID: id, dedupKey: "message.received:m-\(id)", chatKey: chat, eventType: "message.received",
                body: template.body(id, "m-\(id)", chat, TextMarker.text(index)), receivedAt: now
            )
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for entry in entries { group.addTask { _ = try await store.append(entry) } }
            try await group.waitForAll()
        }

        let timing = TimingStore(store)
        let bot = Bot(configuration: .init(concurrency: workers))
        bot.turnOffLineHealth(because: "this case measures the pipeline alone, as its earlier figures did")
        bot.onText { ctx, _ in
            let visits = ctx.session("visits", as: Int.self) ?? 0
            ctx.setSession("visits", visits + 1)
        }
        let dispatcher = try Fixtures.application(bot, store: timing)
        let clock = ContinuousClock()
        let start = clock.now
        let services = ServiceGroup(services: [dispatcher], logger: Logger(label: "linqbot.bench"))
        let (finished, end) = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            // Only the waiting is raced against the time limit: cancelling the dispatcher's own
            // task mid-transaction would leave the store's connection inside that transaction.
            let finished = await withTaskGroup(of: Bool.self) { race in
                race.addTask {
                    for await done in timing.completions where done >= events { return true }
                    return false
                }
                race.addTask {
                    try? await Task.sleep(for: .seconds(120))
                    return false
                }
                let first = await race.next() ?? false
                race.cancelAll()
                return first
            }
            let end = clock.now
            await services.triggerGracefulShutdown()
            // See EchoStack: extra wake-ups so no worker waits past the stop.
            for _ in 0..<(2 * bot.configuration.concurrency) { dispatcher.wake() }
            try await group.waitForAll()
            return (finished, end)
        }
        let elapsed = start.duration(to: end)
        guard finished else {
            throw BenchmarkFailure("the dispatcher completed \(timing.snapshot.completes) of \(events) events within 120 s")
        }
        return Round(perEvent: elapsed / events, totals: timing.snapshot)
    }


    /// A small deterministic generator, so every run picks the same chats.
    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
