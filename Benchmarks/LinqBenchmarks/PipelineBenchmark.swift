import Foundation
import LinqAPI
import LinqBot
import LinqModels
import Logging
import ServiceLifecycle
import Synchronization

/// LinqBot's own work per message, with nothing else in the process: signed webhooks go
/// straight into `BotApplication.receive` (verification, decoding, the inbox), the dispatcher
/// runs the echo bot of `Bots/EchoBot` (a session counter and a reply), and the reply goes
/// through `LinqClient` to a transport that answers Linq's 202 in process. The store is
/// `InMemoryBotStore`, so no HTTP, no disk and no SQLite thread takes a share: what is left is
/// the pipeline's code and the Swift runtime under it. Line health off and on, alternating.
enum PipelineBenchmark {
    /// One round's figures.
    struct Round {
        var cpuPerMessage: Duration
        var rate: Double
    }

    static func run(count: Int, chats: Int, inFlight: Int, workers: Int, rounds: Int, sides: [Bool] = [false, true]) async throws {
        Report.header("pipeline: LinqBot's own CPU per message, in one process, \(count) messages over \(chats) chats, \(inFlight) webhooks in flight, \(workers) workers")
        Report.line("in-memory store, Linq answered in process: no HTTP, no disk; the webhooks are built and signed before the clock starts")
        var off: [Round] = []
        var on: [Round] = []
        for _ in 0..<max(1, rounds) {
            if sides.contains(false) { off.append(try await round(lineHealth: false, count: count, chats: chats, inFlight: inFlight, workers: workers)) }
            if sides.contains(true) { on.append(try await round(lineHealth: true, count: count, chats: chats, inFlight: inFlight, workers: workers)) }
        }
        for (name, figures) in [("line health off", off), ("line health on", on)] where !figures.isEmpty {
            let cpu = figures.map { $0.cpuPerMessage.inMilliseconds * 1000 }
            Report.line("\(name): CPU per message \(cpu.map { String(format: "%.0f", $0) }.joined(separator: ", ")) µs; \(figures.map { String(format: "%.0f", $0.rate) }.joined(separator: ", ")) messages/s")
        }
        if !off.isEmpty, !on.isEmpty {
            let medianOff = median(off.map { $0.cpuPerMessage.inMilliseconds })
            let medianOn = median(on.map { $0.cpuPerMessage.inMilliseconds })
            Report.line(String(format: "median CPU per message: off %.0f µs, on %.0f µs (+%.0f %%)", medianOff * 1000, medianOn * 1000, (medianOn / medianOff - 1) * 100))
        }
        // Last: the stage timings bootstrap a tracer, which stays for the rest of the process.
        for side in sides { try await PipelineStages.run(count: 2_000, lineHealth: side) }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private static func round(lineHealth: Bool, count: Int, chats: Int, inFlight: Int, workers: Int) async throws -> Round {
        let deliveries = try SignedDeliveries(count: count + chats, chats: chats)
        let linq = try InProcessLinq()
        let app = try Fixtures.application(CostChildren.echoBot(lineHealth: lineHealth, workers: workers), store: InMemoryBotStore(), client: linq.client)
        let services = ServiceGroup(services: [app], logger: Logger(label: "linqbot.bench"))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            // Warm-up: one message per chat, not counted.
            try await deliveries.deliver(0..<chats, inFlight: inFlight, to: app)
            try await linq.waitForReplies(chats, within: .seconds(60))
            let cpuBefore = ProcessStats.cpuTime
            let start = ContinuousClock.now
            try await deliveries.deliver(chats..<(chats + count), inFlight: inFlight, to: app)
            try await linq.waitForReplies(chats + count, within: .seconds(120))
            let elapsed = start.duration(to: .now)
            let cpu = ProcessStats.cpuTime - cpuBefore
            await services.triggerGracefulShutdown()
            for _ in 0..<(2 * workers) { app.wake() }
            try await group.waitForAll()
            return Round(cpuPerMessage: cpu / count, rate: Double(count) / elapsed.inSeconds)
        }
    }
}
