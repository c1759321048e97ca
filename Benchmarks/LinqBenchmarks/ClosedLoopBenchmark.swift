import Foundation
import LinqBot
import LinqBotPostgres
import Synchronization

/// The end-to-end maximum: `inFlight` people each text the bot, wait until the simulator has
/// accepted the bot's reply, and text again at once, for `seconds`. A fixed number of messages
/// is always in flight, so the bot runs as fast as it can take them, and replies per second is
/// its sustainable throughput on the full loopback stack of ``EchoStack``.
///
/// One SQLite instance runs first, then PostgreSQL with each instance count, side by side in
/// one process (which also hosts the simulator and the people: CPU per message counts them too).
enum ClosedLoopBenchmark {
    /// What one configuration achieved.
    struct Figures {
        var label: String
        var repliesPerSecond: Double
        var cpuPerMessage: Double
        /// The PostgreSQL server's CPU per message (0 on SQLite, which runs inside the process).
        var serverCPUPerMessage: Double
    }

    static func run(
        inFlight: Int, seconds: Double, instanceCounts: [Int], workers: Int, lineHealth: Bool, folder: URL, postgresURL: String?
    ) async throws {
        var results = [try await run(inFlight: inFlight, seconds: seconds, instances: 1, workers: workers, lineHealth: lineHealth, folder: folder, postgresURL: nil)]
        if let postgresURL {
            for instances in instanceCounts {
                results.append(
                    try await run(inFlight: inFlight, seconds: seconds, instances: instances, workers: workers, lineHealth: lineHealth, folder: folder, postgresURL: postgresURL)
                )
            }
        }
        Report.header("closed loop: \(inFlight) messages in flight, side by side")
        for figures in results {
            Report.line(String(
                format: "%@: %.0f replies/s, CPU per message %.2f ms (whole process) + %.2f ms (database server)", figures.label, figures.repliesPerSecond,
                figures.cpuPerMessage, figures.serverCPUPerMessage
            ))
        }
        if results.count > 1 {
            Report.check("\(results[1].label) / SQLite, replies/s", 100 * results[1].repliesPerSecond / max(results[0].repliesPerSecond, 0.001), atLeast: 50, unit: "%")
            // On a machine the load saturates, CPU per message bounds the throughput: the ratio
            // of the CPU figures is the capacity, steadier than replies/s when other work runs.
            let postgresCPU = results[1].cpuPerMessage + results[1].serverCPUPerMessage
            Report.check("\(results[1].label) / SQLite, by CPU", 100 * results[0].cpuPerMessage / max(postgresCPU, 0.001), atLeast: 50, unit: "%")
        }
    }

    static func run(
        inFlight: Int, seconds: Double, instances: Int, workers: Int, lineHealth: Bool, folder: URL, postgresURL: String?
    ) async throws -> Figures {
        let label = postgresURL == nil ? "SQLite ×1" : "PostgreSQL ×\(instances)"
        Report.header("closed loop, \(label): \(inFlight) people each wait for their reply before texting again, for \(seconds) s; line health \(lineHealth ? "on (pacing relaxed)" : "off")")
        let bot = Bot(configuration: .init(concurrency: workers))
        if lineHealth {
            bot.useLineHealth(EndToEndBenchmark.relaxedLineHealth)
        } else {
            bot.turnOffLineHealth(because: "the benchmark measures the pipeline's maximum")
        }
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        let signals = ReplySignals()
        let observer = EchoStack.Observer(replyAccepted: { number, _ in signals.arrived(number) })
        let path = folder.appendingPathComponent("closed-\(UUID().uuidString).sqlite").path
        defer { EndToEndBenchmark.removeDatabase(path) }
        var options = EchoStack.Options(databasePath: path)
        options.postgresURL = postgresURL
        options.instances = instances

        let tally = Tally()
        let serverPort = try postgresURL.map { try PostgresBotStore.Configuration(url: $0).port } ?? 0
        let (elapsed, store) = try await EchoStack.run(bot: bot, options: options, observer: observer) { people in
            // Warm-up: each person's first message opens the chat (and the connections); not measured.
            let chats = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for person in 0..<inFlight {
                    group.addTask {
                        let chat = try await people.send(from: EchoStack.People.handle(person), text: TextMarker.text(person))
                        guard await signals.wait(for: person, within: .seconds(30)) else { throw BenchmarkFailure("no reply to a warm-up message in 30 s") }
                        return (person, chat)
                    }
                }
                var chats: [Int: String] = [:]
                for try await (person, chat) in group { chats[person] = chat }
                return chats
            }
            tally.state.withLock {
                $0.cpuBefore = ProcessStats.cpuTime
                $0.serverBefore = ProcessStats.cpuTimes(ofPostgresOnPort: serverPort)
            }
            let clock = ContinuousClock()
            let start = clock.now
            let deadline = start.advanced(by: .seconds(seconds))
            await withDiscardingTaskGroup { group in
                for person in 0..<inFlight {
                    group.addTask {
                        var number = person + inFlight
                        while clock.now < deadline {
                            let sent = clock.now
                            guard (try? await people.send(from: EchoStack.People.handle(person), text: TextMarker.text(number), chatID: chats[person])) != nil,
                                await signals.wait(for: number, within: .seconds(30))
                            else {
                                tally.state.withLock { $0.failures += 1 }
                                return
                            }
                            let latency = sent.duration(to: clock.now)
                            tally.state.withLock { $0.latencies.append(latency) }
                            number += inFlight
                        }
                    }
                }
            }
            let elapsed = start.duration(to: clock.now)
            tally.state.withLock { $0.serverCPU = ProcessStats.cpuTime(ofPostgresOnPort: serverPort, since: $0.serverBefore) }
            return elapsed
        }
        let cpu = ProcessStats.cpuTime - tally.state.withLock { $0.cpuBefore }
        let serverCPU = tally.state.withLock { $0.serverCPU }
        let (latencies, failures) = tally.state.withLock { ($0.latencies, $0.failures) }
        let summary = LatencySummary(latencies)
        let rate = Double(summary.count) / max(elapsed.inSeconds, 0.001)
        let cpuPerMessage = cpu.inMilliseconds / Double(max(summary.count, 1))
        Report.line(String(format: "replies accepted: %d in %.1f s = %.0f/s; messages without a reply in 30 s: %d", summary.count, elapsed.inSeconds, rate, failures))
        Report.line("message sent → reply accepted: \(summary.line)")
        Report.line(
            String(format: "CPU, whole process (bot instances, simulator, people): %.2f ms per message; ", cpuPerMessage)
                + "store calls: \(store.claims) claims + \(store.emptyClaims) empty + \(store.chainedClaims) with a completion, mean claim \(EndToEndBenchmark.micro(store.claimTime, store.claims)), "
                + "complete \(EndToEndBenchmark.micro(store.completeTime, store.completes)) (waiting for the connection included)"
        )
        if postgresURL != nil {
            Report.line(String(format: "CPU of the PostgreSQL server (its processes on this machine, port \(serverPort)): %.2f ms per message", serverCPU.inMilliseconds / Double(max(summary.count, 1))))
        }
        Report.check("messages without a reply", Double(failures), atMost: 0, unit: "", digits: 0)
        return Figures(
            label: label, repliesPerSecond: rate, cpuPerMessage: cpuPerMessage, serverCPUPerMessage: serverCPU.inMilliseconds / Double(max(summary.count, 1))
        )
    }

    /// What the people measured, shared by their tasks.
    private final class Tally: Sendable {
        struct State {
            var latencies: [Duration] = []
            var failures = 0
            var cpuBefore = Duration.zero
            var serverBefore: [Int: Duration] = [:]
            var serverCPU = Duration.zero
        }

        let state = Mutex(State())
    }
}
