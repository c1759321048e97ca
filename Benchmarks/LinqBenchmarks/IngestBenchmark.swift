import Foundation
import LinqAPI
import LinqBot
import LinqBotSQLite

/// Webhook ingest into the SQLite inbox (WAL, synchronous=FULL, group commit): signed
/// `message.received` bodies with distinct event ids, `concurrency` deliveries in flight.
enum IngestBenchmark {
    /// Returns the rate in events per second.
    @discardableResult
    static func run(template: Data, secretText: String, seconds: Double, concurrency: Int, in parent: URL) async throws -> Double {
        let folder = parent.appendingPathComponent("linqbot-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLiteBotStore.open(path: folder.appendingPathComponent("bench.sqlite").path)
        try await store.migrate()
        let secret = try WebhookSecret(secretText)
        let signer = WebhookSigner(secret: secret)
        let now = Date()
        // The application is not run: this is ingest alone.
        let ingress = try Fixtures.application(Bot(), store: store, secretText: secretText, now: { now }).ingress
        let text = String(decoding: template, as: UTF8.self)
        let timestamp = Int64(now.timeIntervalSince1970)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let start = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var samples: [Duration] = []
                    var index = 0
                    while clock.now < deadline, index < 200_000 {
                        let id = "bench-\(worker)-\(index)"
                        let body = Data(text.replacingOccurrences(of: "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13", with: id)
                            .replacingOccurrences(of: "3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02", with: "m-\(id)").utf8)
                        let headers = signer.headers(id: id, timestamp: timestamp, body: body, eventType: "message.received", subscriptionID: "s")
                        let began = clock.now
                        let outcome = await ingress.receive(body: body) { headers[$0] }
                        samples.append(began.duration(to: clock.now))
                        guard outcome.status == 200 else { throw BenchmarkError.refused(outcome.reason) }
                        index += 1
                    }
                    return samples
                }
            }
            var all: [Duration] = []
            for try await part in group { all += part }
            return all
        }
        let elapsed = start.duration(to: clock.now)
        let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> String {
            let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
            return String(format: "%.2f ms", Double(value.components.attoseconds) / 1e15 + Double(value.components.seconds) * 1000)
        }
        let stored = try await store.pendingCount()
        try await store.close()
        let padded = "ingest into SQLite (FULL sync), \(concurrency) in flight".padding(toLength: 52, withPad: " ", startingAt: 0)
        let rate = Double(latencies.count) / total
        print("  \(padded) \(String(format: "%10.0f", rate)) ops/s  p50 \(percentile(0.5))  p99 \(percentile(0.99))  (\(stored) stored)")
        return rate
    }

    enum BenchmarkError: Error { case refused(String) }
}
