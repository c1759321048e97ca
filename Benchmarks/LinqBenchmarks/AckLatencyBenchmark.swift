import AsyncHTTPClient
import Foundation
import LinqAPI
import LinqBot
import LinqBotPostgres
import LinqBotServer
import LinqBotSQLite
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// Acknowledgement latency over real HTTP: signed `message.received` webhooks POSTed on
/// loopback to the Hummingbird `BotServer` (WebhookIngress → SQLite inbox, WAL, synchronous=FULL)
/// at a fixed open-loop rate (or into PostgreSQL, with `--postgres`). Latency runs from each
/// request's due time to its 2xx.
///
/// The dispatcher is off: this is ingest alone. The end-to-end case runs the dispatcher too.
enum AckLatencyBenchmark {
    static let targetP99Milliseconds = 10.0
    /// On PostgreSQL, a round trip to the server joins each commit.
    static let postgresTargetP99Milliseconds = 20.0

    static func run(rate: Double, seconds: Double, folder: URL, postgresURL: String? = nil) async throws {
        let storeName = postgresURL == nil ? "SQLite FULL sync" : "PostgreSQL (synchronous_commit=on)"
        Report.header("ack-latency: signed webhooks over HTTP at \(Int(rate))/s open loop for \(seconds) s, \(storeName), dispatcher off")
        DiskProbe.report(in: folder)
        let path = folder.appendingPathComponent("ack-\(UUID().uuidString).sqlite").path
        let store: any BotStore
        if let postgresURL {
            var configuration = try PostgresBotStore.Configuration(url: postgresURL)
            configuration.schema = "bench_" + UUID().uuidString.prefix(8).lowercased()
            store = try await PostgresBotStore.connect(configuration)
        } else {
            store = try await SQLiteBotStore.open(path: path)
        }
        try await store.migrate()
        let secret = try WebhookSecret(Fixtures.secretText)
        // The application is not run: this is ingest alone.
        let app = try Fixtures.application(Bot(), store: store)
        let started = Loopback.PortSignal()
        let server = BotServer(application: app, configuration: .init(port: 0), onStarted: started.onStarted)
        let services = ServiceGroup(services: [server], logger: Logger(label: "linqbot.bench"))
        let http = Loopback.makeClient()
        let sender = Sender(template: try Fixtures.messageReceived(), signer: WebhookSigner(secret: secret), http: http)
        let result: Result<Void, any Error>
        do {
            result = .success(try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { started.finish() }
                    try await services.run()
                }
                let measured: Result<Void, any Error>
                do {
                    let url = "http://127.0.0.1:\(try await started.port())/webhooks/linq"
                    // Warm-up: connections, page cache and code paths; not recorded.
                    _ = await sender.load(url: url, rate: rate, count: Int(rate), prefix: "warm")
                    let count = Int(rate * seconds)
                    let (outcome, timeline, failures) = await sender.load(url: url, rate: rate, count: count, prefix: "ack")
                    let summary = timeline.latencies(from: .due, to: .acknowledged, below: count)
                    Report.line(
                        "sent \(outcome.sent) at \(String(format: "%.1f", outcome.achievedRate))/s achieved (generator lag at worst \(String(format: "%.2f", outcome.worstLag.inMilliseconds)) ms); \(failures) failed"
                    )
                    Report.line(summary.line)
                    // Where the slow acknowledgements sit in time: a few bursts, or spread out.
                    var bursts: [Int: (count: Int, worst: Duration)] = [:]
                    for slow in timeline.slowest(count, from: .due, to: .acknowledged, below: count) where slow.latency > .milliseconds(20) {
                        let tenth = Int(Double(slow.index) / rate * 10)
                        let burst = bursts[tenth] ?? (0, .zero)
                        bursts[tenth] = (burst.count + 1, max(burst.worst, slow.latency))
                    }
                    let listed = bursts.sorted { $0.key < $1.key }.prefix(12).map {
                        String(format: "%.1f s: %d (worst %.0f ms)", Double($0.key) / 10, $0.value.count, $0.value.worst.inMilliseconds)
                    }
                    Report.line("acks over 20 ms, by 0.1 s of the run: \(listed.isEmpty ? "none" : listed.joined(separator: "; "))")
                    Report.check(
                        "p99 acknowledgement", summary.percentile(0.99), atMost: postgresURL == nil ? targetP99Milliseconds : postgresTargetP99Milliseconds, unit: "ms"
                    )
                    Report.check("achieved rate", outcome.achievedRate, atLeast: rate * 0.99, unit: "/s")
                    Report.check("failed or non-2xx requests", Double(failures), atMost: 0, unit: "", digits: 0)
                    measured = .success(())
                } catch {
                    measured = .failure(error)
                }
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                try measured.get()
            })
        } catch {
            result = .failure(error)
        }
        try? await http.shutdown()
        defer { EndToEndBenchmark.removeDatabase(path) }
        guard case .success = result else {
            try? await store.close()
            return try result.get()
        }
        let stored = try await store.pendingCount()
        try await store.close()
        Report.line("\(stored) events in the inbox")
    }

    /// Builds, signs and POSTs webhooks; 200 chats share the load.
    struct Sender: Sendable {
        let template: WebhookTemplate
        let signer: WebhookSigner
        let http: HTTPClient

        func load(url: String, rate: Double, count: Int, prefix: String) async -> (OpenLoop.Outcome, Timeline, Int) {
            let timeline = Timeline(count: count)
            let failures = Atomic<Int>(0)
            let outcome = await OpenLoop.run(rate: rate, count: count) { index, due in
                timeline.mark(.due, index, at: due)
                if await post(url: url, index: index, prefix: prefix) {
                    timeline.mark(.acknowledged, index, at: .now)
                } else {
                    failures.add(1, ordering: .relaxed)
                }
            }
            return (outcome, timeline, failures.load(ordering: .relaxed))
        }

        private func post(url: String, index: Int, prefix: String) async -> Bool {
            let id = "\(prefix)-\(index)-\(UUID().uuidString.prefix(8))"
            let chat = String(format: "c0ffee00-0000-4000-8000-%012ld", index % 200)
            let body = template.body(id, "m-\(id)", chat, "Hello number \(index)")
            let headers = signer.headers(
                id: id, timestamp: Int64(Date().timeIntervalSince1970), body: body, eventType: "message.received", subscriptionID: "bench"
            )
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            for field in headers { request.headers.add(name: field.name, value: field.value) }
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await http.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 64 * 1024)
                return response.status == .ok
            } catch {
                return false
            }
        }
    }
}
