import Synchronization

/// When each numbered message passed each stage, for per-message latencies between stages.
final class Timeline: Sendable {
    enum Stage: Int, CaseIterable {
        /// The message was due to be sent (open-loop schedule).
        case due
        /// The bot acknowledged its webhook.
        case acknowledged
        /// The simulator accepted the bot's reply.
        case replied
    }

    private struct Marks {
        var instants: [[ContinuousClock.Instant?]]
        var replied = 0
        var repeated = 0
    }

    let count: Int
    private let marks: Mutex<Marks>

    init(count: Int) {
        self.count = count
        marks = Mutex(Marks(instants: Stage.allCases.map { _ in Array(repeating: nil, count: count) }))
    }

    /// Records the first time message `index` reached `stage`; later ones count as repeats.
    func mark(_ stage: Stage, _ index: Int, at instant: ContinuousClock.Instant) {
        guard index >= 0, index < count else { return }
        marks.withLock { marks in
            if marks.instants[stage.rawValue][index] != nil {
                marks.repeated += 1
                return
            }
            marks.instants[stage.rawValue][index] = instant
            if stage == .replied { marks.replied += 1 }
        }
    }

    /// Messages whose reply was accepted.
    var replied: Int { marks.withLock { $0.replied } }
    /// Stages reached more than once (a webhook retried, a reply sent twice).
    var repeated: Int { marks.withLock { $0.repeated } }

    /// Latencies from `start` to `end`, over the messages numbered below `limit` that reached both.
    func latencies(from start: Stage, to end: Stage, below limit: Int) -> LatencySummary {
        let pairs = marks.withLock { zip($0.instants[start.rawValue].prefix(limit), $0.instants[end.rawValue].prefix(limit)) }
        return LatencySummary(pairs.compactMap { from, to in
            guard let from, let to else { return nil }
            return from.duration(to: to)
        })
    }

    /// The `k` messages (numbered below `limit`) that took longest from `start` to `end`, slowest first.
    func slowest(_ k: Int, from start: Stage, to end: Stage, below limit: Int) -> [(index: Int, latency: Duration)] {
        let pairs = marks.withLock { zip($0.instants[start.rawValue].prefix(limit), $0.instants[end.rawValue].prefix(limit)) }
        let latencies = pairs.enumerated().compactMap { index, pair -> (index: Int, latency: Duration)? in
            guard let from = pair.0, let to = pair.1 else { return nil }
            return (index, from.duration(to: to))
        }
        return Array(latencies.sorted { $0.latency > $1.latency }.prefix(k))
    }
}
