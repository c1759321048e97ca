import Foundation
import Synchronization

/// Latency samples recorded from many tasks, and their percentiles.
final class LatencySamples: Sendable {
    private let samples = Mutex<[Duration]>([])

    init(capacity: Int = 0) {
        samples.withLock { $0.reserveCapacity(capacity) }
    }

    func record(_ latency: Duration) {
        samples.withLock { $0.append(latency) }
    }

    var count: Int { samples.withLock { $0.count } }

    func summary() -> Summary { Summary(samples.withLock { $0 }) }

    /// Percentiles of a finished run, in milliseconds.
    struct Summary {
        let count: Int
        private let sorted: [Duration]

        init(_ samples: [Duration]) {
            sorted = samples.sorted()
            count = sorted.count
        }

        /// The `p`-th quantile (0…1) by the nearest-rank method, in milliseconds; 0 when empty.
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p * Double(sorted.count)).rounded(.up))
            return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1].inMilliseconds
        }

        var max: Double { sorted.last?.inMilliseconds ?? 0 }
        var mean: Double { sorted.isEmpty ? 0 : sorted.reduce(Duration.zero, +).inMilliseconds / Double(sorted.count) }

        /// "p50 1.23  p90 …  max …  ms (n = …)".
        var line: String {
            let figures = [("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("p99.9", 0.999)]
                .map { "\($0.0) \(String(format: "%.2f", percentile($0.1)))" }
            return (figures + ["max \(String(format: "%.2f", max))"]).joined(separator: "  ") + " ms  (n = \(count))"
        }
    }
}
