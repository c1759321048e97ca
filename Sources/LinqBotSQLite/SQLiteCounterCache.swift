import Foundation
import LinqBot
import Synchronization

/// The counters this process read lately, so line health's point reads (a person's opt-out, a
/// chat's open outreach) are answered without a trip to SQLite's thread.
///
/// Sound because one process writes an SQLite store (``SQLiteFileLock`` makes sure of it) and
/// every counter change goes through the store, which forgets the counter once its change
/// committed. A read that was still on its way back from SQLite when a change to its counter
/// committed does not keep what it read. The oldest counters make room for new ones.
final class SQLiteCounterCache: Sendable {
    /// A counter as stored: `value` 0 and no expiry stand for no row.
    struct Entry: Sendable, Equatable {
        var value: Int
        /// Unix seconds, as the `expires_at` column holds them.
        var expiresAt: Double?

        /// The live value at `now`: 0 once expired, as `counter(_:now:)` reads it.
        func value(at now: Date) -> Int {
            if let expiresAt, expiresAt <= now.timeIntervalSince1970 { return 0 }
            return value
        }
    }

    private struct Read {
        var count = 0
        /// A change to the counter committed while these reads were out.
        var changed = false
    }

    private struct State {
        var entries: BoundedEntries<Entry>
        var reading: [String: Read] = [:]
    }

    private let state: Mutex<State>

    /// Keeps at most `capacity` counters.
    init(capacity: Int = 16_384) {
        state = Mutex(State(entries: BoundedEntries(capacity: capacity)))
    }

    /// The counter's live value at `now`, or `nil` when it is not known here.
    func value(_ key: String, now: Date) -> Int? {
        state.withLock { $0.entries[key]?.value(at: now) }
    }

    /// Notes a read of `key` from SQLite about to start; end it with ``endRead(_:found:)``.
    func beginRead(_ key: String) {
        state.withLock { $0.reading[key, default: Read()].count += 1 }
    }

    /// Ends a read of `key`: keeps `found` (`nil` when the read failed) unless a change to the
    /// counter committed while the read was out.
    func endRead(_ key: String, found: Entry?) {
        state.withLock { state in
            guard var read = state.reading[key] else { return }
            if let found, !read.changed { state.entries.insert(found, for: key) }
            read.count -= 1
            state.reading[key] = read.count > 0 ? read : nil
        }
    }

    /// A change to `key` committed (or may have): the next read goes to SQLite.
    func changed(_ key: String) {
        state.withLock { state in
            state.entries.removeValue(forKey: key)
            state.reading[key]?.changed = true
        }
    }

    /// How many counters are known here.
    var count: Int { state.withLock { $0.entries.count } }
}
