import Foundation

/// Percentiles of a set of latencies, in milliseconds.
struct LatencySummary {
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

    /// "p50 1.23  p90 …  max …  ms (n = …)".
    var line: String {
        let figures = [("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("p99.9", 0.999)]
            .map { "\($0.0) \(String(format: "%.2f", percentile($0.1)))" }
        return (figures + ["max \(String(format: "%.2f", max))"]).joined(separator: "  ") + " ms  (n = \(count))"
    }
}
