import Foundation
import LinqBot
import LinqBotSQLite
import SQLiteNIO
import Testing

/// Another process holding the write lock: calls fail as unavailable after the busy timeout,
/// then work again once the lock is gone.
@Suite struct SQLiteBusyTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)

    @Test func aHeldWriteLockMakesTheStoreUnavailableUntilReleased() async throws {
        try await TemporaryDatabase.with { database in
            let store = try await SQLiteBotStore.open(path: database.path(), busyTimeout: .milliseconds(50), logger: quietLogger)
            let other = try await SQLiteConnection.open(storage: .file(path: database.path()), logger: quietLogger)
            do {
                try await store.migrate()
                let waiting = NewInboxEvent(eventID: "b0", chatKey: "A", eventType: "message.received", body: Data("b0".utf8), receivedAt: Self.t0)
                _ = try await store.append(waiting)
                _ = try await other.query("BEGIN IMMEDIATE")
                let event = NewInboxEvent(eventID: "b1", chatKey: "B", eventType: "message.received", body: Data("b1".utf8), receivedAt: Self.t0)
                await #expect {
                    try await store.append(event)
                } throws: { error in
                    guard case BotStoreError.unavailable(let message) = error else { return false }
                    return message.contains("locked") || message.contains("busy")
                }
                await #expect(throws: BotStoreError.self, "a claim with an event to take needs the lock") {
                    try await store.claimNext(worker: "w", now: Self.t0, leaseDuration: .seconds(30), skipping: [])
                }
                #expect(
                    try await store.claimNext(worker: "w", now: Self.t0, leaseDuration: .seconds(30), skipping: ["A"]) == nil,
                    "a claim that finds nothing answers from a read, without the lock"
                )
                _ = try await other.query("COMMIT")
                #expect(try await store.append(event) != .duplicate, "the failed append wrote nothing")
                #expect(try await store.claimNext(worker: "w", now: Self.t0, leaseDuration: .seconds(30), skipping: [])?.event == waiting)
                #expect(try await store.claimNext(worker: "w", now: Self.t0, leaseDuration: .seconds(30), skipping: [])?.event == event)
            } catch {
                try? await other.close()
                try? await store.close()
                throw error
            }
            try await other.close()
            try await store.close()
        }
    }
}

/// A caller cancelled in the middle of a transaction must not leave the one connection inside
/// it: every later write would fail with "cannot start a transaction within a transaction".
@Suite struct SQLiteCancellationTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)

    @Test func cancelledCallersLeaveNoTransactionOpen() async throws {
        try await TemporaryDatabase.with { database in
            let store = try await openStore(database.path())
            try await store.migrate()
            for round in 0..<40 {
                _ = try await store.append(NewInboxEvent(
                    eventID: "c\(round)", chatKey: "chat-\(round % 3)", eventType: "message.received", body: Data(), receivedAt: Self.t0
                ))
                let busy = Task {
                    for index in 0..<50 {
                        let claim = try await store.claimNext(worker: "w\(index)", now: Self.t0, leaseDuration: .seconds(30), skipping: [])
                        if let claim { try await store.retry(claim, attempts: 1, notBefore: Self.t0, error: "again") }
                    }
                }
                for _ in 0..<(round % 7) { await Task.yield() }
                busy.cancel()
                _ = await busy.result
                let stored = try await store.append(NewInboxEvent(
                    eventID: "after-\(round)", chatKey: "other", eventType: "message.received", body: Data(), receivedAt: Self.t0
                ))
                guard case .stored = stored else { Issue.record("round \(round): the write after a cancellation was not stored"); break }
            }
            try await store.close()
        }
    }
}
