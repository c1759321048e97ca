import Foundation

/// An open-loop load generator: request `i` is due at `start + i / rate` and is sent then,
/// whether or not earlier requests have finished. Latency is measured from the due time, so
/// a slow server cannot slow the generator down and hide its own queueing (no coordinated
/// omission).
enum OpenLoop {
    struct Outcome {
        /// How many requests were sent.
        var sent: Int
        /// From the first due time until the last request was handed off.
        var sendingTime: Duration
        /// The latest any request was handed off after its due time (the generator's own lag).
        var worstLag: Duration
        /// The due time of request 0.
        var start: ContinuousClock.Instant

        var achievedRate: Double { sent > 1 ? Double(sent) / sendingTime.inSeconds : Double(sent) }
    }

    /// Fires `count` requests at `rate` per second and waits until every `fire` returned.
    /// `fire` gets the request's index and due time.
    static func run(
        rate: Double, count: Int, fire: @escaping @Sendable (Int, ContinuousClock.Instant) async -> Void
    ) async -> Outcome {
        let clock = ContinuousClock()
        let interval = Duration.seconds(1 / rate)
        let start = clock.now.advanced(by: .milliseconds(5))
        var worstLag = Duration.zero
        var lastHandOff = start
        await withDiscardingTaskGroup { group in
            var next = 0
            while next < count {
                let due = start.advanced(by: interval * next)
                if due > clock.now { try? await clock.sleep(until: due, tolerance: .microseconds(50)) }
                let now = clock.now
                // Everything due by now goes out at once; a late wake-up never drops requests.
                while next < count, start.advanced(by: interval * next) <= now {
                    let index = next
                    let scheduled = start.advanced(by: interval * index)
                    worstLag = max(worstLag, scheduled.duration(to: now))
                    group.addTask { await fire(index, scheduled) }
                    next += 1
                }
                lastHandOff = now
            }
        }
        return Outcome(sent: count, sendingTime: start.duration(to: lastHandOff), worstLag: worstLag, start: start)
    }
}
