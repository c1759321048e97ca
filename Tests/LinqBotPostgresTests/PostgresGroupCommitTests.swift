import Foundation
import LinqBot
@testable import LinqBotPostgres
import Testing

/// Completions that commit together in one statement (group commit) keep their own fences.
@Suite(.enabled(if: PostgresTestDatabase.enabled, PostgresTestDatabase.disabledReason))
struct PostgresGroupCommitTests {
    static let t0 = PostgresInstancesTests.t0
    static let lease = PostgresInstancesTests.lease

    /// Claims the head of each chat on `store`, one claim per chat.
    static func claimHeads(_ chats: [String], on store: PostgresBotStore, worker: String) async throws -> [String: ClaimedEvent] {
        var claims: [String: ClaimedEvent] = [:]
        for _ in chats {
            let claim = try #require(try await store.claimNext(worker: worker, now: t0, leaseDuration: lease, skipping: Set(claims.keys)))
            claims[claim.event.chatKey] = claim
        }
        return claims
    }

    @Test("one statement completes several claims; a stale one among them is refused alone")
    func batchKeepsEachFence() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let store = try await scratch.store()
            for chat in ["A", "B", "C"] {
                _ = try await store.append(PostgresInstancesTests.event("\(chat)1", chat: chat))
                _ = try await store.append(PostgresInstancesTests.event("\(chat)2", chat: chat))
            }
            let claims = try await Self.claimHeads(["A", "B", "C"], on: store, worker: "w")
            var stale = try #require(claims["B"])
            stale.fencingToken -= 1_000
            let sessionA = StoredSession(data: Data("a".utf8), updatedAt: Self.t0)
            let sessionB = StoredSession(data: Data("b".utf8), updatedAt: Self.t0)
            let burst = try #require(try await store.pendingEvents(chatKey: "C", after: 0, limit: 5).first)
            let batch = [
                PostgresBotStore.Completion(claim: try #require(claims["A"]), absorbing: [], session: sessionA),
                PostgresBotStore.Completion(claim: stale, absorbing: [], session: sessionB),
                PostgresBotStore.Completion(claim: try #require(claims["C"]), absorbing: [burst.sequence], session: nil),
            ]
            let results = await PostgresBotStore.complete(batch, on: store.client, within: .seconds(30), logger: PostgresTestDatabase.quietLogger)
            #expect(results.map { try? $0.get() } == [true, false, true])
            #expect(try await store.session(chatKey: "A") == sessionA)
            #expect(try await store.session(chatKey: "B") == nil, "the refused completion wrote nothing")
            #expect(try await store.session(chatKey: "C") == nil)
            // A and C are free again (C's burst absorbed its second event); B is still held.
            let next = try #require(try await store.claimNext(worker: "w", now: Self.t0, leaseDuration: Self.lease, skipping: []))
            #expect(next.event.eventID == "A2" && next.session == sessionA)
            #expect(try await store.claimNext(worker: "w", now: Self.t0, leaseDuration: Self.lease, skipping: ["A"]) == nil)
            #expect(try await store.pendingCount() == 3, "A2 (claimed) and B's two events remain open")
        }
    }

    @Test("when the batch's statement fails, each completion is committed on its own")
    func failedBatchFallsBackToSingles() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let store = try await scratch.store()
            for chat in ["A", "B"] { _ = try await store.append(PostgresInstancesTests.event("\(chat)1", chat: chat)) }
            let claims = try await Self.claimHeads(["A", "B"], on: store, worker: "w")
            // A chat key PostgreSQL's text cannot hold (a NUL byte) fails any statement it is in.
            var broken = try #require(claims["B"])
            broken.event.chatKey = "B\u{0}"
            let batch = [
                PostgresBotStore.Completion(claim: try #require(claims["A"]), absorbing: [], session: nil),
                PostgresBotStore.Completion(claim: broken, absorbing: [], session: nil),
            ]
            let results = await PostgresBotStore.complete(batch, on: store.client, within: .seconds(30), logger: PostgresTestDatabase.quietLogger)
            #expect((try? results[0].get()) == true, "the good completion committed on its own")
            #expect(throws: BotStoreError.self) { try results[1].get() }
            #expect(try await store.pendingCount() == 1)
        }
    }

    @Test("completions and send records that arrive together all commit", .timeLimit(.minutes(5)))
    func concurrentCompletionsAndRecords() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let store = try await scratch.store()
            let chats = (0..<40).map { "chat-\($0)" }
            for chat in chats { _ = try await store.append(PostgresInstancesTests.event("\(chat)-1", chat: chat)) }
            let claims = try await Self.claimHeads(chats, on: store, worker: "w")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (chat, claim) in claims {
                    group.addTask {
                        try await store.recordSent(SentMessageRecord(idempotencyKey: "key-\(chat)", chatKey: chat, messageID: "m-\(chat)", sentAt: Self.t0))
                        try await store.complete(claim, session: StoredSession(data: Data(chat.utf8), updatedAt: Self.t0), now: Self.t0)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.pendingCount() == 0)
            for chat in chats {
                #expect(try await store.session(chatKey: chat)?.data == Data(chat.utf8))
                #expect(try await store.sentMessage(idempotencyKey: "key-\(chat)")?.messageID == "m-\(chat)")
            }
        }
    }
}
