import Foundation
import LinqAPI
import LinqBot
import LinqBotHost
import LinqSimulator
import Logging
import ServiceLifecycle
import UnixSignals

/// The two child processes of ``CostBenchmark``: the simulator and the bot, each alone in its
/// process so that each has a CPU figure of its own.
enum CostChildren {
    static let simulatorCase = "cost-simulator-child"
    static let botCase = "cost-bot-child"
    static let line = "+15555550100"

    /// The simulator, with no rate limit and `chats` people who have each written once (so their
    /// chats exist). Prints `{"port": P, "api_key": K, "chats": [[chat id, handle], …]}` once it
    /// listens, then serves until SIGTERM.
    static func runSimulator(arguments: [String]) async throws {
        guard arguments.count == 1, let count = Int(arguments[0]), count > 0 else { throw BenchmarkFailure("usage: \(simulatorCase) CHATS") }
        let simulator = LinqSimulator(configuration: SimulatorConfiguration(lines: [line], perPairLimit: nil), webhookTransport: NoNetwork())
        let people = EchoStack.People(simulator: simulator, line: line)
        var chats: [[String]] = []
        for index in 0..<count {
            let handle = EchoStack.People.handle(index)
            chats.append([try await people.send(from: handle, text: "hello"), handle])
        }
        let apiKey = simulator.configuration.apiKey
        let list = chats
        let server = SimulatorServer(simulator: simulator, port: 0) { port in
            let ready: [String: Any] = ["port": port, "api_key": apiKey, "chats": list]
            let data = try! JSONSerialization.data(withJSONObject: ready)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
        let logger = Logger(label: "linqbot.bench.simulator")
        try await ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm], logger: logger).run()
    }

    /// The bot: the echo bot of `Bots/EchoBot` (a session counter and a reply) run by `BotHost`
    /// exactly as a deployed bot runs, configured by the environment the parent gives it, with
    /// line health off or on (`off`/`on`; on relaxes pacing so the rate is reachable) and
    /// `WORKERS` dispatcher workers.
    static func runBot(arguments: [String]) async throws {
        guard arguments.count == 2, ["on", "off"].contains(arguments[0]), let workers = Int(arguments[1]), workers > 0 else {
            throw BenchmarkFailure("usage: \(botCase) on|off WORKERS")
        }
        try await BotHost.run(echoBot(lineHealth: arguments[0] == "on", workers: workers))
    }

    /// The echo bot of `Bots/EchoBot` (a session counter and a reply), line health off or on
    /// (pacing relaxed, as in `e2e`): the bot of the cost and pipeline cases.
    static func echoBot(lineHealth: Bool, workers: Int) -> Bot {
        let bot = Bot(configuration: .init(botID: "echo-bot", concurrency: workers))
        if lineHealth {
            bot.useLineHealth(EndToEndBenchmark.relaxedLineHealth)
        } else {
            bot.turnOffLineHealth(because: "the benchmark measures the pipeline alone")
        }
        bot.onText { ctx, text in
            let received = (ctx.session("received", as: Int.self) ?? 0) + 1
            ctx.setSession("received", received)
            try await ctx.reply("You said: \(text)")
        }
        return bot
    }
}
