import Foundation
import LinqBot
import SQLiteNIO
import Testing

@testable import LinqBotSQLite

/// Checkpoints run off the commit path, and the WAL still stays bounded.
@Suite struct SQLiteCheckpointTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)

    static func walBytes(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
    }

    /// 1,500 commits of about five pages each would grow the WAL to about 30 MB without
    /// checkpoints, and to about 4 MB with SQLite's automatic one (1,000 pages); with a limit
    /// of 100 pages it stays far below either, and every event is there after a reopen.
    @Test func theWALStaysBoundedWithoutAutomaticCheckpoints() async throws {
        try await TemporaryDatabase.with { database in
            let path = database.path()
            let policy = SQLiteCheckpointer.Policy(everyCommits: 10, walLimitFrames: 100)
            let store = try await SQLiteBotStore.open(path: path, busyTimeout: .seconds(5), checkpoints: policy, logger: quietLogger)
            var largest = 0
            do {
                try await store.migrate()
                let autocheckpoint = try await store.writer.withConnection { try await $0.rows("PRAGMA wal_autocheckpoint").first?.columns.first?.data.integer }
                #expect(autocheckpoint == 0, "the writer never checkpoints after a commit by itself")
                for index in 0..<1500 {
                    let event = NewInboxEvent(
                        eventID: "e\(index)", dedupKey: "message.received:m\(index)", chatKey: "chat-\(index)", eventType: "message.received",
                        body: Data(repeating: 0x41, count: 600), receivedAt: Self.t0
                    )
                    guard case .stored = try await store.append(event) else { Issue.record("e\(index) not stored"); break }
                    largest = max(largest, Self.walBytes(path))
                }
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
            #expect(largest > 0)
            #expect(largest < 2_000_000, "largest WAL: \(largest) bytes")
            let reopened = try await openMigrated(path)
            let pending = try await reopened.pendingCount()
            try await reopened.close()
            #expect(pending == 1500)
        }
    }
}
