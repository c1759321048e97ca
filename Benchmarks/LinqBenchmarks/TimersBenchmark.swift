import Foundation
import LinqAPI
import LinqBot
import LinqBotSQLite
import Logging
import SQLiteNIO
import ServiceLifecycle
import Synchronization

/// Durable timers at scale: the scheduler's idle cost as pending timers grow, and how late
/// timers fire with 100,000 pending.
///
/// For each size, a fresh database gets that many timers by bulk SQL, spread over 10,000
/// chats (10 per chat at 100,000) and due 1 to 6 hours ahead. The store's per-tick queries
/// are timed directly (`nextTimerDue` and `fireDueTimers` with nothing due), then a real
/// `BotDispatcher` (real clock, default settings) runs idle, and the process's CPU time per
/// second of that idle run is read with `getrusage`. At the largest size, timers are then
/// scheduled through the store to fall due during the run, at a steady rate; the bot's
/// `onTimer` handler records when each fires, and lateness is fire time − due time.
enum TimersBenchmark {
    static let allowedLateness = Duration.seconds(1)
    static let chats = 10_000

    static func run(sizes: [Int], dueRate: Double, seconds: Double, idleSeconds: Double, folder: URL) async throws {
        let dueCount = Int(dueRate * seconds)
        Report.header(
            "timers: pending timers \(sizes.map { Report.format(Double($0), 0) }.joined(separator: " / ")) over up to \(chats) chats; idle dispatcher \(Int(idleSeconds)) s per size; then \(dueCount) timers due over \(Int(seconds)) s"
        )
        Report.line("SQLite FULL sync, real clock, dispatcher with default settings (idle poll 1 s, 16 workers)")
        DiskProbe.report(in: folder)
        var idleCosts: [(size: Int, cpuPerSecond: Duration)] = []
        for (index, size) in sizes.enumerated() {
            let path = folder.appendingPathComponent("timers-\(size)-\(UUID().uuidString).sqlite").path
            defer { EndToEndBenchmark.removeDatabase(path) }
            let seeding = try await seed(path: path, count: size)
            let store = try await SQLiteBotStore.open(path: path)
            do {
                let isLast = index == sizes.count - 1
                let cost = try await measure(
                    store: store, size: size, seeding: seeding, idleSeconds: idleSeconds, dueCount: isLast ? dueCount : 0, dueRate: dueRate
                )
                idleCosts.append((size, cost))
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
        if let base = idleCosts.first, let top = idleCosts.last, top.size != base.size {
            Report.line(
                "idle CPU at \(Report.format(Double(top.size), 0)) vs \(Report.format(Double(base.size), 0)) pending timers: \(String(format: "%.2f", top.cpuPerSecond.inMilliseconds)) vs \(String(format: "%.2f", base.cpuPerSecond.inMilliseconds)) ms per second"
            )
        }
    }

    /// Times the per-tick queries, runs the dispatcher idle, then (when `dueCount` > 0) lets
    /// `dueCount` timers fall due at `dueRate` per second. Returns the idle CPU per second.
    private static func measure(
        store: SQLiteBotStore, size: Int, seeding: Duration, idleSeconds: Double, dueCount: Int, dueRate: Double
    ) async throws -> Duration {
        let next = try await timeCalls(200) { _ = try await store.nextTimerDue() }
        let fire = try await timeCalls(200) {
            let fired = try await store.fireDueTimers(now: Date(), limit: 500)
            guard fired == 0 else { throw BenchmarkFailure("\(fired) timers fired that were not due") }
        }
        let label = Report.format(Double(size), 0).padding(toLength: 7, withPad: " ", startingAt: 0)
        Report.line(
            "\(label) pending (seeded in \(String(format: "%.1f", seeding.inSeconds)) s): nextTimerDue p50 \(micro(next.percentile(0.5))) p99 \(micro(next.percentile(0.99))); fireDueTimers, none due: p50 \(micro(fire.percentile(0.5))) p99 \(micro(fire.percentile(0.99)))"
        )

        let recorder = FireRecorder(expected: dueCount)
        let timing = TimingStore(store)
        let bot = Bot()
        bot.turnOffLineHealth(because: "this case measures the pipeline alone, as its earlier figures did")
        bot.onTimer { _, timer in recorder.record(timer, at: Date()) }
        let dispatcher = try Fixtures.application(bot, store: timing)
        let services = ServiceGroup(services: [dispatcher], logger: Logger(label: "linqbot.bench"))
        let idle: Duration = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let outcome: Result<Duration, any Error>
            do {
                try await Task.sleep(for: .seconds(2))  // the dispatcher settles (first ticks, first empty claims)
                timing.reset()
                let cpuBefore = ProcessStats.cpuTime
                try await Task.sleep(for: .seconds(idleSeconds))
                let idle = (ProcessStats.cpuTime - cpuBefore) / idleSeconds
                let calls = timing.snapshot
                Report.line(
                    "        idle dispatcher: CPU \(String(format: "%.2f", idle.inMilliseconds)) ms per second (\(String(format: "%.3f", idle.inMilliseconds / 10)) % of a core); \(String(format: "%.0f", Double(calls.emptyClaims) / idleSeconds)) empty claims per second"
                )
                if dueCount > 0 { try await runDue(store: store, recorder: recorder, count: dueCount, rate: dueRate) }
                outcome = .success(idle)
            } catch {
                outcome = .failure(error)
            }
            await services.triggerGracefulShutdown()
            for _ in 0..<(2 * bot.configuration.concurrency) { dispatcher.wake() }
            try await group.waitForAll()
            return try outcome.get()
        }
        if dueCount == 0, recorder.fired > 0 { throw BenchmarkFailure("\(recorder.fired) timers fired that were not due") }
        return idle
    }

    /// Schedules `count` timers through the store, due from 3 s ahead at `rate` per second,
    /// each in its own chat, waits until they fired (bounded) and reports their lateness.
    private static func runDue(store: SQLiteBotStore, recorder: FireRecorder, count: Int, rate: Double) async throws {
        let start = Date().addingTimeInterval(3)
        let startMillis = (start.timeIntervalSince1970 * 1000).rounded(.up)
        for index in 0..<count {
            // Whole milliseconds, as the fired event carries them.
            let due = Date(timeIntervalSince1970: (startMillis + (Double(index) * 1000 / rate).rounded()) / 1000)
            try await store.scheduleTimer(ScheduledTimer(chatKey: SessionSeeder.chatKey(index % chats + 1), name: "due-\(index)", dueAt: due))
        }
        let last = start.addingTimeInterval(Double(count) / rate)
        let deadline = ContinuousClock.now.advanced(by: .seconds(last.timeIntervalSinceNow + 30))
        while recorder.firedDue < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        let lateness = LatencySummary(recorder.lateness)
        Report.line("timers due during the run: \(count) scheduled at \(Report.format(rate, 0))/s; fired \(recorder.firedDue), twice \(recorder.repeated), not due \(recorder.fired - recorder.firedDue - recorder.repeated)")
        Report.line("lateness (fire − due): \(lateness.line)")
        Report.check("due timers not fired", Double(count - recorder.firedDue), atMost: 0, unit: "", digits: 0)
        Report.check("worst lateness", lateness.max, atMost: allowedLateness.inMilliseconds, unit: "ms", digits: 1)
    }

    /// Runs `body` `count` times and summarizes the durations.
    private static func timeCalls(_ count: Int, _ body: () async throws -> Void) async throws -> LatencySummary {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = clock.now
            try await body()
            samples.append(start.duration(to: clock.now))
        }
        return LatencySummary(samples)
    }

    private static func micro(_ milliseconds: Double) -> String {
        String(format: "%.0f µs", milliseconds * 1000)
    }

    /// Creates the database with the store's schema, then stores `count` timers in one
    /// statement: timer x belongs to seeded chat `x % chats + 1` (keys as ``SessionSeeder``
    /// spells them), is named by its round over the chats, and falls due 1 to 6 hours ahead.
    private static func seed(path: String, count: Int) async throws -> Duration {
        let store = try await SQLiteBotStore.open(path: path)
        try await store.migrate()
        try await store.close()
        let clock = ContinuousClock()
        let start = clock.now
        guard count > 0 else { return .zero }
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            _ = try await connection.query(
                """
                WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < ?1 - 1)
                INSERT INTO timers (chat_key, name, due_at, payload)
                SELECT printf('%08x-5eed-4000-8000-%012x', ((x % ?2 + 1) * 2654435761) % 4294967296, x % ?2 + 1),
                       'reminder-' || (x / ?2),
                       ?3 + 3600 + (x * 7919) % 18000 + (x % 1000) / 1000.0,
                       CAST('{"step":' || (x % 7) || '}' AS BLOB)
                FROM n
                """,
                [.integer(count), .integer(chats), .float(Date().timeIntervalSince1970)]
            )
            let rows = try await connection.query("SELECT COUNT(*) AS n FROM timers")
            guard rows.first?.column("n")?.integer == count else {
                throw BenchmarkFailure("seeding stored \(rows.first?.column("n")?.integer ?? -1) timers, not \(count)")
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return start.duration(to: clock.now)
    }

    /// What fired, when, against when it was due.
    final class FireRecorder: Sendable {
        private struct State {
            var seen = Set<String>()
            var lateness: [Duration] = []
            var fired = 0
            var repeated = 0
        }

        private let state = Mutex(State())
        let expected: Int

        init(expected: Int) { self.expected = expected }

        func record(_ timer: FiredTimer, at now: Date) {
            state.withLock { state in
                state.fired += 1
                guard timer.name.hasPrefix("due-") else { return }
                guard state.seen.insert(timer.name).inserted else {
                    state.repeated += 1
                    return
                }
                let late = now.timeIntervalSince(timer.dueAt ?? now)
                state.lateness.append(.milliseconds(Int64((late * 1000).rounded())))
            }
        }

        var fired: Int { state.withLock { $0.fired } }
        var firedDue: Int { state.withLock { $0.seen.count } }
        var repeated: Int { state.withLock { $0.repeated } }
        var lateness: [Duration] { state.withLock { $0.lateness } }
    }

}
