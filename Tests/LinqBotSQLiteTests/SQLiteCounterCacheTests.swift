import Foundation
import LinqBot
@testable import LinqBotSQLite
import Testing

/// Counters answered from memory stay exact, and one process alone uses a store's file.
@Suite struct SQLiteCounterCacheTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)

    @Test("a second store on the same file fails at open with what to do, until the first closes")
    func oneProcessPerFile() async throws {
        try await TemporaryDatabase.with { database in
            let first = try await openMigrated(database.path())
            await #expect {
                try await openStore(database.path())
            } throws: { error in
                guard case BotStoreError.unavailable(let message) = error else { return false }
                return message.contains("another process already uses") && message.contains("PostgreSQL")
            }
            try await first.close()
            let second = try await openMigrated(database.path())
            try await second.close()
        }
    }

    @Test("reads answered from memory follow every increment, reset and expiry")
    func followsChanges() async throws {
        try await TemporaryDatabase.with { database in
            let store = try await openMigrated(database.path())
            do {
                let t0 = Self.t0
                #expect(try await store.counter("k", now: t0) == 0)
                #expect(store.counterCache.value("k", now: t0) == 0, "a missing counter is known as 0 after a read")
                #expect(try await store.incrementCounter("k", by: 2, expiresAt: t0.addingTimeInterval(10), now: t0) == 2)
                #expect(store.counterCache.value("k", now: t0) == nil, "a change makes the next read go to SQLite")
                #expect(try await store.counter("k", now: t0) == 2)
                #expect(try await store.incrementCounter("k", by: 3, expiresAt: t0.addingTimeInterval(99), now: t0) == 5)
                #expect(try await store.counter("k", now: t0.addingTimeInterval(5)) == 5)
                #expect(try await store.counter("k", now: t0.addingTimeInterval(10)) == 0, "the first expiry holds: the counter ran out")
                #expect(try await store.counter("k", now: t0.addingTimeInterval(9.999)) == 5)
                #expect(try await store.incrementCounter("k", by: 1, expiresAt: nil, now: t0.addingTimeInterval(11)) == 1)
                #expect(try await store.counter("k", now: t0.addingTimeInterval(1_000)) == 1, "a restarted counter takes the new expiry")
                try await store.resetCounter("k")
                #expect(try await store.counter("k", now: t0) == 0)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
    }

    @Test("reads racing 200 increments never keep a value that a later change replaced")
    func racingReads() async throws {
        try await TemporaryDatabase.with { database in
            let store = try await openMigrated(database.path())
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<200 {
                        group.addTask { _ = try await store.incrementCounter("race", by: 1, expiresAt: nil, now: Self.t0) }
                        group.addTask { _ = try await store.counter("race", now: Self.t0) }
                    }
                    try await group.waitForAll()
                }
                #expect(try await store.counter("race", now: Self.t0) == 200)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
    }

    @Test("a read that was out while its counter changed does not keep what it read")
    func staleReadIsDropped() {
        let cache = SQLiteCounterCache()
        cache.beginRead("k")
        cache.changed("k")
        cache.endRead("k", found: .init(value: 1, expiresAt: nil))
        #expect(cache.value("k", now: Self.t0) == nil)
        cache.beginRead("k")
        cache.endRead("k", found: .init(value: 2, expiresAt: nil))
        #expect(cache.value("k", now: Self.t0) == 2)
    }

    @Test("a full cache lets its oldest counter go")
    func bounded() {
        let cache = SQLiteCounterCache(capacity: 2)
        for key in ["a", "b", "c"] {
            cache.beginRead(key)
            cache.endRead(key, found: .init(value: 1, expiresAt: nil))
        }
        #expect(cache.count == 2)
        #expect(cache.value("a", now: Self.t0) == nil)
        #expect(cache.value("c", now: Self.t0) == 1)
    }
}
