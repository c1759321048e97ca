import Foundation
import LinqBot

/// Webhook in → echo handler → reply accepted by the simulator, at a fixed open-loop rate of
/// people's messages spread over many chats, on the full loopback stack of ``EchoStack``.
///
/// A message is due at its open-loop time and injected then; its latency ends when the bot's
/// client receives the simulator's 2xx for the reply that quotes it (matched by its text).
enum EndToEndBenchmark {
    static let targetP50Milliseconds = 5.0
    static let targetP99Milliseconds = 25.0

    /// Line health relaxed so that 500 replies a second are allowed at all: no human gap and no
    /// per-pair budget; every other rule (opt-out, stale replies, quiet hours, the follow-up
    /// guard, line budget and status, typing, contact card, SMS) runs as by default.
    static let relaxedLineHealth = LineHealthConfiguration(
        pacing: PacingPolicy(pairLimit: 1_000_000, pairBurst: 1_000_000, minimumGap: .zero, perCharacter: .zero, maximumGap: .zero, jitter: 0)
    )

    /// Runs the case without line health and with it (relaxed pacing), alternating, `rounds`
    /// times each in one process, and compares the medians. On a machine the load saturates,
    /// CPU per message bounds the throughput, so the capacity with line health on is the
    /// ratio of the two CPU figures.
    static func runBoth(
        rate: Double, seconds: Double, chats: Int, allEvents: Bool, workers: Int, rounds: Int, folder: URL
    ) async throws {
        var off: [Figures] = []
        var on: [Figures] = []
        for _ in 0..<max(rounds, 1) {
            off.append(try await run(rate: rate, seconds: seconds, chats: chats, allEvents: allEvents, workers: workers, lineHealth: false, folder: folder))
            on.append(try await run(rate: rate, seconds: seconds, chats: chats, allEvents: allEvents, workers: workers, lineHealth: true, folder: folder))
        }
        Report.header("end-to-end: line health off vs on (relaxed pacing), side by side, median of \(off.count) rounds each")
        for (index, pair) in zip(off, on).enumerated() {
            Report.line(String(format: "round %d: CPU per message off %.2f ms, on %.2f ms; p50 off %.2f ms, on %.2f ms",
                index + 1, pair.0.cpuPerMessage, pair.1.cpuPerMessage, pair.0.p50, pair.1.p50))
        }
        let (cpuOff, cpuOn) = (median(off, \.cpuPerMessage), median(on, \.cpuPerMessage))
        Report.line(String(format: "replies/s achieved: off %.1f, on %.1f; p50 off %.2f ms, on %.2f ms; p99 off %.2f ms, on %.2f ms",
            median(off, \.replyRate), median(on, \.replyRate), median(off, \.p50), median(on, \.p50), median(off, \.p99), median(on, \.p99)))
        Report.line(String(format: "CPU per message (whole process): off %.2f ms, on %.2f ms (%+.0f %%)", cpuOff, cpuOn, 100 * (cpuOn / max(cpuOff, 0.001) - 1)))
        Report.check("capacity with line health on", 100 * cpuOff / max(cpuOn, 0.001), atLeast: 80, unit: "%")
    }

    /// Runs the case on SQLite and on PostgreSQL, alternating, `rounds` times each in one
    /// process, and compares the medians.
    static func runStores(
        rate: Double, seconds: Double, chats: Int, allEvents: Bool, workers: Int, lineHealth: Bool, rounds: Int, folder: URL, postgresURL: String
    ) async throws {
        var sqlite: [Figures] = []
        var postgres: [Figures] = []
        for _ in 0..<max(rounds, 1) {
            sqlite.append(try await run(rate: rate, seconds: seconds, chats: chats, allEvents: allEvents, workers: workers, lineHealth: lineHealth, folder: folder))
            postgres.append(
                try await run(rate: rate, seconds: seconds, chats: chats, allEvents: allEvents, workers: workers, lineHealth: lineHealth, folder: folder, postgresURL: postgresURL)
            )
        }
        Report.header("end-to-end at \(Int(rate))/s: SQLite vs PostgreSQL, side by side, median of \(sqlite.count) rounds each, line health \(lineHealth ? "on" : "off")")
        for (label, figures) in [("SQLite", sqlite), ("PostgreSQL", postgres)] {
            Report.line(String(
                format: "%@: replies/s %.1f; p50 %.2f ms, p99 %.2f ms; CPU per message %.2f ms", label, median(figures, \.replyRate), median(figures, \.p50),
                median(figures, \.p99), median(figures, \.cpuPerMessage)
            ))
        }
    }

    static func median(_ figures: [Figures], _ value: (Figures) -> Double) -> Double {
        let sorted = figures.map(value).sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// What one run achieved.
    struct Figures {
        var replyRate: Double
        var p50: Double
        var p99: Double
        var cpuPerMessage: Double
    }

    @discardableResult
    static func run(
        rate: Double, seconds: Double, chats: Int, allEvents: Bool, workers: Int, lineHealth: Bool, folder: URL, postgresURL: String? = nil
    ) async throws -> Figures {
        let subscribed = allEvents ? "all \(EchoStack.allEvents.count) event types" : "message.received only"
        Report.header("end-to-end: \(Int(rate)) messages/s open loop over \(chats) chats for \(seconds) s; webhooks subscribed: \(subscribed); line health \(lineHealth ? "on" : "off")")
        Report.line("HTTP both ways on loopback, \(postgresURL == nil ? "SQLite FULL sync" : "PostgreSQL (synchronous_commit=on)"), dispatcher on (\(workers) workers), no rate limit in the simulator\(lineHealth ? ", line health with pacing relaxed" : ", no line health")")
        DiskProbe.report(in: folder)
        let bot = Bot(configuration: .init(concurrency: workers))
        if lineHealth {
            bot.useLineHealth(relaxedLineHealth)
        } else {
            bot.turnOffLineHealth(because: "the benchmark's baseline measures the pipeline without it")
        }
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }

        let count = Int(rate * seconds)
        let warmBase = count  // warm-up messages are numbered after the measured ones
        let timeline = Timeline(count: count + chats)
        let observer = EchoStack.Observer(
            webhookAcknowledged: { number, at in timeline.mark(.acknowledged, number, at: at) },
            replyAccepted: { number, at in timeline.mark(.replied, number, at: at) }
        )
        let path = folder.appendingPathComponent("e2e-\(UUID().uuidString).sqlite").path
        defer { removeDatabase(path) }
        var options = EchoStack.Options(databasePath: path)
        options.postgresURL = postgresURL
        if allEvents { options.events = EchoStack.allEvents }

        let cpuBefore = ProcessStats.cpuTime
        let (outcome, store) = try await EchoStack.run(bot: bot, options: options, observer: observer) { people in
            // Warm-up: one message per chat opens the chats (and the connections); not measured.
            var chatIDs: [String] = []
            for chat in 0..<chats {
                let number = warmBase + chat
                chatIDs.append(try await people.send(from: EchoStack.People.handle(chat), text: TextMarker.text(number)))
            }
            try await waitForReplies(timeline, count: chats, within: .seconds(30))
            let ids = chatIDs
            let sent = await OpenLoop.run(rate: rate, count: count) { index, due in
                timeline.mark(.due, index, at: due)
                let chat = index % chats
                _ = try? await people.send(from: EchoStack.People.handle(chat), text: TextMarker.text(index), chatID: ids[chat])
            }
            try? await waitForReplies(timeline, count: chats + count, within: .seconds(30))
            return sent
        }

        let cpu = ProcessStats.cpuTime - cpuBefore
        let elapsed = max(outcome.sendingTime.inSeconds, 0.001)
        let replied = timeline.replied - chats
        let endToEnd = timeline.latencies(from: .due, to: .replied, below: count)
        Report.line("injected \(outcome.sent) at \(String(format: "%.1f", outcome.achievedRate))/s achieved (generator lag at worst \(String(format: "%.2f", outcome.worstLag.inMilliseconds)) ms)")
        Report.line("replies accepted: \(replied) of \(count); repeated webhooks or replies: \(timeline.repeated)")
        Report.line("message due → webhook acknowledged:  \(timeline.latencies(from: .due, to: .acknowledged, below: count).line)")
        Report.line("webhook acknowledged → reply accepted: \(timeline.latencies(from: .acknowledged, to: .replied, below: count).line)")
        Report.line("message due → reply accepted:        \(endToEnd.line)")
        Report.line(
            "CPU, whole process (bot, simulator, load): \(String(format: "%.2f", cpu.inMilliseconds / Double(count + chats))) ms per message; store calls: \(store.claims) claims + \(store.emptyClaims) empty + \(store.chainedClaims) with a completion, mean claim \(micro(store.claimTime, store.claims)), session read \(micro(store.sessionTime, store.sessionReads)), complete \(micro(store.completeTime, store.completes)) (waiting for the connection included)"
        )
        Report.check("e2e p50", endToEnd.percentile(0.5), atMost: targetP50Milliseconds, unit: "ms")
        Report.check("e2e p99", endToEnd.percentile(0.99), atMost: targetP99Milliseconds, unit: "ms")
        Report.check("messages without an accepted reply", Double(count - replied), atMost: 0, unit: "", digits: 0)
        return Figures(
            replyRate: Double(replied) / elapsed, p50: endToEnd.percentile(0.5), p99: endToEnd.percentile(0.99),
            cpuPerMessage: cpu.inMilliseconds / Double(count + chats)
        )
    }

    static func micro(_ total: Duration, _ count: Int) -> String {
        count == 0 ? "-" : String(format: "%.0f µs", total.inMilliseconds * 1000 / Double(count))
    }

    /// Waits (bounded) until `count` replies were accepted.
    static func waitForReplies(_ timeline: Timeline, count: Int, within limit: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while timeline.replied < count {
            guard ContinuousClock.now < deadline else {
                throw BenchmarkFailure("only \(timeline.replied) of \(count) replies within \(limit)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
