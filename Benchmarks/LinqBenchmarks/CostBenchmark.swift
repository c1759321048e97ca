import AsyncHTTPClient
import Foundation
import LinqAPI
import NIOCore
import Synchronization

/// The bot's own cost per message, closed loop: `connections` deliveries of signed
/// `message.received` webhooks are always in flight (each sends the next as soon as the bot
/// acknowledges the last, as `wrk` does), for `seconds`, into the echo bot run by `BotHost` in a
/// child process, which replies through the simulator in another child process. Reports
/// acknowledgements and replies per second, the backlog when the load stops and how long the
/// last reply takes after that, and CPU per message of the bot and of the simulator apart.
/// The driver (this process) signs on the fly; its CPU is not counted.
enum CostBenchmark {
    struct Figures {
        var label: String
        var acksPerSecond: Double
        var repliesPerSecond: Double
        var backlog: Int
        var drain: Double
        var botCPU: Double
        var simulatorCPU: Double
    }

    static func run(connections: Int, seconds: Double, chats: Int, workers: Int, lineHealth: [Bool], folder: URL) async throws {
        var results: [Figures] = []
        for on in lineHealth {
            results.append(try await run(connections: connections, seconds: seconds, chats: chats, workers: workers, lineHealth: on, folder: folder))
        }
        Report.header("cost per message, closed loop, \(connections) deliveries in flight, side by side")
        for figures in results {
            Report.line(String(
                format: "%@: %.0f acks/s, %.0f replies/s, backlog %d at the stop, last reply %.2f s after it; CPU per message: bot %.3f ms, simulator %.3f ms",
                figures.label, figures.acksPerSecond, figures.repliesPerSecond, figures.backlog, figures.drain, figures.botCPU, figures.simulatorCPU
            ))
        }
    }

    static func run(connections: Int, seconds: Double, chats: Int, workers: Int, lineHealth: Bool, folder: URL) async throws -> Figures {
        let label = "line health \(lineHealth ? "on (pacing relaxed)" : "off")"
        Report.header("cost per message, \(label): \(connections) webhook deliveries in flight for \(seconds) s over \(chats) chats, \(workers) workers; bot and simulator in child processes")
        let simulator = try ChildProcess([CostChildren.simulatorCase, String(chats)], waitForLine: true)
        defer { simulator.stop() }
        guard let line = simulator.firstLine, let ready = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let simulatorPort = ready["port"] as? Int, let apiKey = ready["api_key"] as? String, let pairs = ready["chats"] as? [[String]]
        else { throw BenchmarkFailure("the simulator child did not say where it listens") }
        let path = folder.appendingPathComponent("cost-\(UUID().uuidString).sqlite").path
        defer { EndToEndBenchmark.removeDatabase(path) }
        let botPort = try ChildProcess.freePort()
        let bot = try ChildProcess(
            [CostChildren.botCase, lineHealth ? "on" : "off", String(workers)],
            environment: [
                "LINQ_API_V3_API_KEY": apiKey, "LINQ_API_V3_BASE_URL": "http://127.0.0.1:\(simulatorPort)/api/partner",
                "LINQ_WEBHOOK_SECRET": Fixtures.secretText, "LINQBOT_DATABASE_URL": "sqlite:\(path)", "LINQBOT_PORT": "\(botPort)",
            ],
            waitForLine: false
        )
        defer { bot.stop() }
        let http = Loopback.makeClient(connections: connections + 4)
        do {
            let figures = try await measure(http: http, connections: connections, seconds: seconds, pairs: pairs, label: label, bot: bot, simulator: simulator, ports: (botPort, simulatorPort))
            try await http.shutdown()
            return figures
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private static func measure(
        http: HTTPClient, connections: Int, seconds: Double, pairs: [[String]], label: String, bot: ChildProcess, simulator: ChildProcess, ports: (bot: Int, simulator: Int)
    ) async throws -> Figures {
        let botPort = ports.bot
        let simulatorPort = ports.simulator
        let driver = try WebhookDriver(http: http, botPort: botPort, simulatorPort: simulatorPort, chats: pairs.map { ($0[0], $0[1]) })
        try await driver.waitUntilReady(within: .seconds(60))

        // Warm-up, not measured: each chat's first message (sessions, connections, caches).
        let warm = try await driver.drive(connections: connections, until: nil, count: pairs.count)
        try await driver.waitForReplies(warm.acknowledged, within: .seconds(60))

        let clock = ContinuousClock()
        let botBefore = bot.cpuTime
        let simulatorBefore = simulator.cpuTime
        let repliedBefore = try await driver.replies()
        let started = clock.now
        let load = try await driver.drive(connections: connections, until: started.advanced(by: .seconds(seconds)), count: 10_000_000)
        let stopped = clock.now
        let repliedAtStop = try await driver.replies() - repliedBefore
        let last = try await driver.waitForReplies(repliedBefore + load.acknowledged, within: .seconds(300))
        let botCPU = bot.cpuTime - botBefore
        let simulatorCPU = simulator.cpuTime - simulatorBefore
        guard load.refused == 0 else { throw BenchmarkFailure("the bot refused \(load.refused) webhooks") }

        let loadSeconds = started.duration(to: stopped).inSeconds
        let messages = Double(max(load.acknowledged, 1))
        let figures = Figures(
            label: label, acksPerSecond: Double(load.acknowledged) / loadSeconds, repliesPerSecond: Double(repliedAtStop) / loadSeconds,
            backlog: load.acknowledged - repliedAtStop, drain: stopped.duration(to: last).inSeconds,
            botCPU: botCPU.inSeconds * 1000 / messages, simulatorCPU: simulatorCPU.inSeconds * 1000 / messages
        )
        Report.line("\(load.acknowledged) webhooks acknowledged in \(Report.format(loadSeconds, 1)) s: \(Report.format(figures.acksPerSecond, 0))/s; replies during the load \(repliedAtStop): \(Report.format(figures.repliesPerSecond, 0))/s")
        Report.line("backlog when the load stopped: \(figures.backlog) replies; the last came \(Report.format(figures.drain, 2)) s after the stop")
        Report.line("CPU: bot \(Report.format(botCPU.inSeconds, 2)) s, simulator \(Report.format(simulatorCPU.inSeconds, 2)) s (the driver's not counted)")
        Report.check("bot CPU per message", figures.botCPU, atMost: 0.25, unit: "ms", digits: 3)
        Report.line("simulator CPU per message: \(Report.format(figures.simulatorCPU, 3)) ms")
        Report.check("replies/s against acks/s", 100 * figures.repliesPerSecond / max(figures.acksPerSecond, 0.001), atLeast: 75, unit: "%")
        Report.check("last reply after the load stopped", figures.drain, atMost: 2, unit: "s")
        return figures
    }
}
