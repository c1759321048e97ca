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

    /// The echo bot, line health off or on (pacing relaxed, as in `e2e`).
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

    private static func round(lineHealth: Bool, count: Int, chats: Int, inFlight: Int, workers: Int) async throws -> Round {
        let deliveries = try SignedDeliveries(count: count + chats, chats: chats)
        let linq = InProcessLinq()
        let app = try Fixtures.application(echoBot(lineHealth: lineHealth, workers: workers), store: InMemoryBotStore(), client: linq.client)
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

/// `message.received` webhooks built and signed ahead: delivery `n` comes from chat `n mod chats`.
struct SignedDeliveries: Sendable {
    let bodies: [Data]
    let headers: [LinqHTTPHeaders]

    init(count: Int, chats: Int, prefix: String = "pipe") throws {
        let template = try Fixtures.messageReceivedFromPerson()
        let signer = WebhookSigner(secret: try WebhookSecret(Fixtures.secretText))
        let now = Date()
        let stamp = LinqTimestamp.format(now)
        let run = UUID().uuidString.prefix(8)
        var bodies: [Data] = []
        var headers: [LinqHTTPHeaders] = []
        for number in 0..<count {
            let chat = number % chats
            let id = "\(prefix)-\(run)-\(number)"
            let body = template.body(id, stamp, "m-\(id)", "chat-\(run)-\(chat)", String(format: "+1555%07d", chat), TextMarker.text(number), stamp)
            bodies.append(body)
            headers.append(signer.headers(id: id, timestamp: Int64(now.timeIntervalSince1970), body: body, eventType: "message.received", subscriptionID: prefix))
        }
        self.bodies = bodies
        self.headers = headers
    }

    /// Delivers `range`, `inFlight` at a time: each lane takes the next as soon as its last was acknowledged.
    func deliver(_ range: Range<Int>, inFlight: Int, to app: BotApplication) async throws {
        let next = Turns(range.lowerBound)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    while true {
                        let number = next.take()
                        guard number < range.upperBound else { return }
                        let sent = headers[number]
                        let outcome = await app.receive(body: bodies[number]) { sent[$0] }
                        guard outcome.status == 200 else { throw BenchmarkFailure("delivery \(number) got \(outcome.status) \(outcome.reason)") }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// The next delivery's number, shared by the lanes.
private final class Turns: Sendable {
    private let value: Atomic<Int>
    init(_ first: Int) { value = Atomic(first) }
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// A Linq that answers in process: `202` with the recorded body for every message sent, `204`
/// for every other call (typing, read receipts, the contact card). It counts the messages.
final class InProcessLinq: LinqTransport {
    private let sent = Atomic<Int>(0)
    private let accepted: Data

    init() {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Tests/LinqFixtures/Fixtures/linq-api").standardized
        accepted = (try? Data(contentsOf: folder.appendingPathComponent("chats.messages.send.202.json"))) ?? Data()
    }

    /// A client that calls this Linq.
    var client: LinqClient {
        LinqClient(configuration: .init(apiKey: "in-process", baseURL: URL(string: "http://127.0.0.1:9/api/partner")!), transport: self)
    }

    /// Messages sent so far.
    var messages: Int { sent.load(ordering: .relaxed) }

    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        if request.method == .post, request.url.path.hasSuffix("/messages") {
            sent.add(1, ordering: .relaxed)
            return LinqHTTPResponse(status: 202, headers: ["content-type": "application/json"], body: accepted)
        }
        return LinqHTTPResponse(status: 204)
    }

    /// Waits (bounded) until `count` messages were sent.
    func waitForReplies(_ count: Int, within limit: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while messages < count {
            guard ContinuousClock.now < deadline else { throw BenchmarkFailure("only \(messages) of \(count) replies within \(limit)") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}
