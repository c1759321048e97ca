import Foundation
import Synchronization

/// Each line's count of the UTC day, kept in a store counter (`<prefix>:<line>:<yyyy-MM-dd>`):
/// counted in memory and added to the counter at most once per ``syncInterval`` per line, so
/// a message costs no store write of its own. Every sync also reads back the total that every
/// instance wrote, so the count spans instances and restarts, late by at most one interval.
/// ``flush(store:now:)`` writes what is left when the application stops. Line health keeps
/// three: the messages of the daily budget, and the engagement figures (inbound and outbound).
final class LineDayCounts: Sendable {
    /// How often a line's count meets the store.
    static let syncInterval: TimeInterval = 1

    private struct Line {
        /// The UTC day counted, in days since 1970 (compared on every message, instead of the key).
        var day: Int
        /// The day's counter key.
        var key: String
        /// The store's total at the last sync.
        var stored = 0
        /// Counted here since then, not yet written.
        var pending = 0
        /// Being written now.
        var writing = 0
        /// When the last sync began (`nil`: never).
        var syncedAt: Date?

        var total: Int { stored + writing + pending }
    }

    private let lines = Mutex<[String: Line]>([:])
    /// The counters' key prefix.
    let prefix: String

    init(prefix: String) {
        self.prefix = prefix
    }

    /// The counter of `line` on the UTC day of `date`.
    func key(_ line: String, _ date: Date) -> String { "\(prefix):\(line):\(LineHealthEngine.utcDay(date))" }

    /// A new day's entry for `line`.
    private func entry(_ line: String, on date: Date) -> Line {
        Line(day: ResponseRateCounters.dayIndex(date), key: key(line, date))
    }

    /// The day's total of `line` as known here, without meeting the store.
    func known(line: String, now: Date) -> Int {
        let day = ResponseRateCounters.dayIndex(now)
        return lines.withLock { lines in
            guard let entry = lines[line], entry.day == day else { return 0 }
            return entry.total
        }
    }

    /// Counts `count` messages of `line` at `now`; returns the day's total before and after them.
    func add(_ count: Int, line: String, now: Date, store: any BotStore) async throws -> (before: Int, after: Int) {
        let day = ResponseRateCounters.dayIndex(now)
        let (before, stale) = lines.withLock { lines -> (Int, Line?) in
            var entry = lines[line] ?? self.entry(line, on: now)
            var stale: Line?
            if entry.day != day {
                stale = entry
                entry = self.entry(line, on: now)
            }
            let before = entry.total
            entry.pending += count
            lines[line] = entry
            return (before, stale)
        }
        if let stale, stale.pending > 0 {
            // Yesterday's last messages still count for yesterday.
            _ = try await store.incrementCounter(stale.key, by: stale.pending, expiresAt: now.addingTimeInterval(86_400), now: now)
        }
        try await sync(line, now: now, store: store)
        return (before, before + count)
    }

    /// The day's total of `line` as known here: the store's at the last sync plus what was counted since.
    func total(line: String, now: Date, store: any BotStore) async throws -> Int {
        try await sync(line, now: now, store: store)
        return known(line: line, now: now)
    }

    /// Writes every line's pending count (the application calls it as it stops).
    func flush(store: any BotStore, now: Date) async throws {
        let names = lines.withLock { Array($0.keys) }
        for line in names { try await sync(line, now: now, store: store, force: true) }
    }

    /// Adds the line's pending count to the store and reads the total back, when the last sync
    /// is older than the interval (or `force`); a read alone when nothing is pending.
    private func sync(_ line: String, now: Date, store: any BotStore, force: Bool = false) async throws {
        let day = ResponseRateCounters.dayIndex(now)
        let work = lines.withLock { lines -> (taken: Int, key: String)? in
            var entry = lines[line] ?? self.entry(line, on: now)
            if entry.day != day {
                // A new day: yesterday's count is left to ``add``, which writes what it still holds.
                guard entry.pending == 0, entry.writing == 0 else { return nil }
                entry = self.entry(line, on: now)
            }
            if !force, let synced = entry.syncedAt, now.timeIntervalSince(synced) < Self.syncInterval { return nil }
            let amount = entry.pending
            entry.writing += amount
            entry.pending = 0
            entry.syncedAt = now
            lines[line] = entry
            return (amount, entry.key)
        }
        guard let work else { return }
        let (taken, key) = work
        let total: Int
        do {
            total = taken > 0
                ? try await store.incrementCounter(key, by: taken, expiresAt: now.addingTimeInterval(2 * 86_400), now: now)
                : try await store.counter(key, now: now)
        } catch {
            lines.withLock { lines in
                guard var entry = lines[line], entry.key == key else { return }
                entry.writing -= taken
                entry.pending += taken
                entry.syncedAt = nil
                lines[line] = entry
            }
            throw error
        }
        lines.withLock { lines in
            guard var entry = lines[line], entry.key == key else { return }
            entry.writing -= taken
            entry.stored = max(entry.stored, total - entry.writing)
            lines[line] = entry
        }
    }
}
