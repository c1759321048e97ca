import Foundation
import LinqBot
import LinqBotSQLite
import Testing

@Suite struct SQLiteBotStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)

    static func event(_ id: String, chat: String, dedup: String? = nil) -> NewInboxEvent {
        NewInboxEvent(eventID: id, dedupKey: dedup, chatKey: chat, eventType: "message.received", body: Data(id.utf8), receivedAt: t0)
    }

    @Test func aFileDatabaseRunsInWALWithFullSync() async throws {
        try await TemporaryDatabase.with { database in
            let store = try await openStore(database.path("nested/deeper/bot.sqlite"))
            let pragmas = try await store.pragmas()
            try await store.close()
            #expect(pragmas == SQLitePragmas(journalMode: "wal", synchronous: 2, busyTimeoutMilliseconds: 5000, foreignKeys: true))
        }
    }

    @Test func anInMemoryDatabaseStillSyncsFully() async throws {
        let store = try await openStore(":memory:")
        let pragmas = try await store.pragmas()
        try await store.close()
        #expect(pragmas.synchronous == 2)
        #expect(pragmas.journalMode == "memory")
    }

    @Test func migratingTwiceIsANoOp() async throws {
        try await TemporaryDatabase.with { database in
            let store = try await openStore(database.path())
            do {
                #expect(try await store.appliedMigrations().isEmpty)
                try await store.migrate()
                let first = try await store.appliedMigrations()
                #expect(first == ["v1-inbox-leases-sessions-dead-letters", "v2-dedup-keys-sent-messages-counters", "v3-timers", "v4-instances", "v5-line-assignments", "v6-pair-paces"])
                _ = try await store.append(Self.event("m1", chat: "M"))
                try await store.migrate()
                #expect(try await store.appliedMigrations() == first)
                #expect(try await store.pendingCount() == 1)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
    }

    @Test func dataSurvivesCloseAndReopen() async throws {
        try await TemporaryDatabase.with { database in
            let session = StoredSession(data: Data("{\"step\":2}".utf8), updatedAt: Self.t0)
            let store = try await openMigrated(database.path())
            let claimedToken: Int64
            do {
                _ = try await store.append(Self.event("done-1", chat: "R", dedup: "message.received:d1"))
                _ = try await store.append(Self.event("pending-1", chat: "R"))
                let claim = try #require(try await store.claimNext(worker: "w", now: Self.t0, leaseDuration: .seconds(30), skipping: []))
                #expect(claim.event.eventID == "done-1")
                claimedToken = claim.fencingToken
                try await store.complete(claim, session: session, now: Self.t0)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()

            let reopened = try await openMigrated(database.path())
            do {
                #expect(try await reopened.session(chatKey: "R") == session)
                #expect(try await reopened.pendingCount() == 1)
                #expect(try await reopened.append(Self.event("done-1", chat: "R")) == .duplicate, "the done event is still known")
                #expect(try await reopened.append(Self.event("other", chat: "R", dedup: "message.received:d1")) == .duplicate)
                let next = try #require(try await reopened.claimNext(worker: "w", now: Self.t0, leaseDuration: .seconds(30), skipping: []))
                #expect(next.event == Self.event("pending-1", chat: "R"), "the done event is not claimable; the pending one is, intact")
                #expect(next.fencingToken > claimedToken, "fencing tokens keep growing across a restart")
                #expect(try await reopened.claimNext(worker: "v", now: Self.t0, leaseDuration: .seconds(30), skipping: []) == nil)
            } catch {
                try? await reopened.close()
                throw error
            }
            try await reopened.close()
        }
    }

    @Test func aClosedStoreIsUnavailable() async throws {
        let store = try await openMigrated(":memory:")
        try await store.close()
        await #expect(throws: BotStoreError.unavailable("the SQLite store is closed")) { try await store.pendingCount() }
        await #expect(throws: BotStoreError.self) { try await store.append(Self.event("late", chat: "C")) }
    }

    /// 200 appends at once, 50 of them repeating an earlier event id or dedup key: every caller
    /// gets its own answer, after the commit, and the inbox holds exactly the distinct events.
    @Test func concurrentAppendsShareCommitsAndGetTheirOwnResults() async throws {
        try await TemporaryDatabase.with { database in
            let store = try await openMigrated(database.path())
            do {
                // 150 distinct events; 25 repeat an event id, 25 repeat a dedup key under a new id.
                var events: [(NewInboxEvent, original: Bool)] = (0..<150).map { index in
                    (Self.event("e\(index)", chat: "chat-\(index % 7)", dedup: "message.received:m\(index)"), true)
                }
                events += (0..<25).map { (Self.event("e\($0 * 3)", chat: "chat-\($0 % 7)"), false) }
                events += (0..<25).map { (Self.event("dup\($0)", chat: "chat-\($0 % 7)", dedup: "message.received:m\($0 * 5 + 1)"), false) }
                let results = try await withThrowingTaskGroup(of: (Int, InboxAppendResult).self) { group in
                    for (index, entry) in events.enumerated() {
                        group.addTask { (index, try await store.append(entry.0)) }
                    }
                    var results: [Int: InboxAppendResult] = [:]
                    for try await (index, result) in group { results[index] = result }
                    return results
                }
                // A repeat may race ahead of its original, so which copy is stored is open. What is
                // not: stored events never share a key, and every refused one shares a key with one stored.
                var storedIDs = Set<String>()
                var storedDedupKeys = Set<String>()
                var sequences = Set<Int64>()
                for (index, (event, _)) in events.enumerated() {
                    guard case .stored(let sequence) = results[index] else { continue }
                    #expect(sequences.insert(sequence).inserted, "each stored event gets its own sequence")
                    #expect(storedIDs.insert(event.eventID).inserted)
                    if let key = event.dedupKey { #expect(storedDedupKeys.insert(key).inserted) }
                }
                #expect(results.count == events.count)
                for (index, (event, _)) in events.enumerated() where results[index] == .duplicate {
                    #expect(storedIDs.contains(event.eventID) || event.dedupKey.map(storedDedupKeys.contains) == true)
                }
                #expect(sequences.count >= 150 && sequences.count <= 175)
                #expect(try await store.pendingCount() == sequences.count)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
    }
}

extension SQLiteBotStoreTests {
    /// Eight workers claim at once with five chats waiting: the claims share commits, and each
    /// chat goes to one worker, oldest head first, with its own lease and session.
    @Test func concurrentClaimsTakeDistinctChats() async throws {
        try await TemporaryDatabase.with { database in
            let store = try await openMigrated(database.path())
            do {
                for index in 0..<10 { _ = try await store.append(Self.event("c\(index)", chat: "chat-\(index % 5)")) }
                let first = try #require(try await store.claimNext(worker: "w", now: Self.t0, leaseDuration: .seconds(30), skipping: []))
                try await store.complete(first, session: StoredSession(data: Data("{}".utf8), updatedAt: Self.t0), now: Self.t0)
                let claims = try await withThrowingTaskGroup(of: ClaimedEvent?.self) { group in
                    for worker in 0..<8 {
                        group.addTask { try await store.claimNext(worker: "w\(worker)", now: Self.t0, leaseDuration: .seconds(30), skipping: []) }
                    }
                    var claims: [ClaimedEvent] = []
                    for try await claim in group { if let claim { claims.append(claim) } }
                    return claims
                }
                #expect(claims.count == 5)
                #expect(Set(claims.map(\.event.chatKey)).count == 5)
                #expect(Set(claims.map(\.event.eventID)) == ["c1", "c2", "c3", "c4", "c5"], "each chat's head: c5 follows the completed c0")
                #expect(Set(claims.map(\.worker)).count == 5)
                for claim in claims {
                    #expect(claim.sessionLoaded)
                    #expect(claim.session == (claim.event.chatKey == "chat-0" ? StoredSession(data: Data("{}".utf8), updatedAt: Self.t0) : nil))
                    try await store.complete(claim, session: nil, now: Self.t0)
                }
                #expect(try await store.pendingCount() == 4)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
    }
}

/// A timer is on disk the moment it is scheduled: after a restart it fires on time, once.
@Suite struct SQLiteTimerRestartTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)

    @Test func aTimerSurvivesARestartAndFiresOnTimeOnce() async throws {
        try await TemporaryDatabase.with { database in
            let first = try await openStore(database.path())
            try await first.migrate()
            try await first.scheduleTimer(ScheduledTimer(chatKey: "chat-1", name: "reminder", dueAt: Self.t0.addingTimeInterval(3600)))
            try await first.close()

            let second = try await openStore(database.path())
            try await second.migrate()
            #expect(try await second.nextTimerDue() == Self.t0.addingTimeInterval(3600))
            #expect(try await second.fireDueTimers(now: Self.t0.addingTimeInterval(3599.9), limit: 10) == 0)
            #expect(try await second.fireDueTimers(now: Self.t0.addingTimeInterval(3600.5), limit: 10) == 1)
            #expect(try await second.fireDueTimers(now: Self.t0.addingTimeInterval(3601), limit: 10) == 0)
            let claim = try await second.claimNext(worker: "w", now: Self.t0.addingTimeInterval(3601), leaseDuration: .seconds(30), skipping: [])
            #expect(claim?.event.eventType == ScheduledTimer.eventType && claim?.event.chatKey == "chat-1")
            try await second.close()
        }
    }
}
