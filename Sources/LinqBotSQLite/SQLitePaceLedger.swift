import Foundation
import LinqBot
import Synchronization

/// The paces of an SQLite store's line–person pairs: booked in memory, under a lock, and
/// written to `pair_paces` at most once a second (and before a prune, and on close). An SQLite
/// file has one writing process, so the lock makes a booking as atomic as a statement would,
/// and a send costs no transaction of its own. A pair is read from the table on first use, so
/// a restart keeps the pacing (a crash loses at most the last second of bookings).
///
/// Writes, flushes and erasures alike, go to the store one after the other in the order they
/// were taken from memory, so an erasure is never undone by an older flush.
final class SQLitePaceLedger: Sendable {
    /// One pair's pace, in Unix seconds.
    struct Pace: Sendable, Hashable {
        var arrival: Double
        var blockedUntil: Double
    }

    /// A write to the table.
    enum Write: Sendable {
        case store([String: Pace])
        case erase(handle: String)
    }

    private struct State {
        var paces: [String: Pace] = [:]
        var dirty: Set<String> = []
        var flushedAt: ContinuousClock.Instant?
        /// The last write taken, which the next one waits for.
        var lastWrite: Task<Void, any Error>?
    }

    static let flushInterval = Duration.seconds(1)
    private let state = Mutex(State())
    /// Reads a pair's stored pace.
    private let load: @Sendable (String) async throws -> Pace?
    /// Applies a write to the table.
    private let write: @Sendable (Write) async throws -> Void

    init(load: @escaping @Sendable (String) async throws -> Pace?, write: @escaping @Sendable (Write) async throws -> Void) {
        self.load = load
        self.write = write
    }

    /// Books the pair's next moment (see ``BotStore/bookPace(_:)``).
    func book(_ request: PaceRequest) async throws -> PaceBooking {
        try await known(request.pair)
        let booking = state.withLock { state -> PaceBooking in
            let pace = state.paces[request.pair] ?? Pace(arrival: 0, blockedUntil: 0)
            let (booking, arrival) = request.book(arrival: pace.arrival, blockedUntil: pace.blockedUntil)
            guard let arrival else { return booking }
            state.paces[request.pair] = Pace(arrival: arrival, blockedUntil: pace.blockedUntil)
            state.dirty.insert(request.pair)
            return booking
        }
        // The booking holds in memory whatever the write does; a failed write is tried again.
        try? await flush(force: false)
        return booking
    }

    /// Blocks the pair until `until`, unless it is blocked longer already.
    func block(pair: String, until: Date) async throws {
        try await known(pair)
        state.withLock { state in
            var pace = state.paces[pair] ?? Pace(arrival: 0, blockedUntil: 0)
            pace.blockedUntil = max(pace.blockedUntil, until.timeIntervalSince1970)
            state.paces[pair] = pace
            state.dirty.insert(pair)
        }
        try? await flush(force: false)
    }

    /// Forgets the handle's pairs here and in the table.
    func erase(handle: String) async throws {
        let task = state.withLock { state in
            for pair in state.paces.keys where pair.hasSuffix(">" + handle) {
                state.paces[pair] = nil
                state.dirty.remove(pair)
            }
            return enqueue(.erase(handle: handle), in: &state)
        }
        try await task.value
    }

    /// Writes the pairs booked since the last flush, when a second has passed (or `force`).
    /// Pairs whose write failed are written again with the next flush.
    func flush(force: Bool) async throws {
        let (task, rows) = state.withLock { state -> (Task<Void, any Error>?, [String: Pace]) in
            let now = ContinuousClock.now
            guard !state.dirty.isEmpty, force || state.flushedAt.map({ $0.duration(to: now) >= Self.flushInterval }) ?? true else {
                return (force ? state.lastWrite : nil, [:])
            }
            let rows = Dictionary(uniqueKeysWithValues: state.dirty.compactMap { pair in state.paces[pair].map { (pair, $0) } })
            state.dirty.removeAll()
            state.flushedAt = now
            return (enqueue(.store(rows), in: &state), rows)
        }
        do {
            try await task?.value
        } catch {
            state.withLock { state in
                for pair in rows.keys where state.paces[pair] != nil { state.dirty.insert(pair) }
            }
            throw error
        }
    }

    /// Forgets paces that bind nothing after `now` (their rows are pruned from the table).
    func forgetSpent(now: Date) {
        let cutoff = now.timeIntervalSince1970
        state.withLock { state in
            state.paces = state.paces.filter { pair, pace in state.dirty.contains(pair) || max(pace.arrival, pace.blockedUntil) > cutoff }
        }
    }

    /// Reads the pair from the table unless it is known here.
    private func known(_ pair: String) async throws {
        guard state.withLock({ $0.paces[pair] == nil }) else { return }
        let stored = try await load(pair)
        state.withLock { state in
            if state.paces[pair] == nil { state.paces[pair] = stored ?? Pace(arrival: 0, blockedUntil: 0) }
        }
    }

    /// Chains `change` after the last write taken.
    private func enqueue(_ change: Write, in state: inout State) -> Task<Void, any Error> {
        let previous = state.lastWrite
        let write = self.write
        let task = Task {
            _ = try? await previous?.value
            try await write(change)
        }
        state.lastWrite = task
        return task
    }
}
