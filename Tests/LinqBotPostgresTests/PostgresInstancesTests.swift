import Foundation
import LinqBot
@testable import LinqBotPostgres
import PostgresNIO
import Synchronization
import Testing

/// Several stores on one schema stand for several bot instances sharing a database.
@Suite(.enabled(if: PostgresTestDatabase.enabled, PostgresTestDatabase.disabledReason))
struct PostgresInstancesTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)
    static let lease = Duration.seconds(30)

    static func event(_ id: String, chat: String) -> NewInboxEvent {
        NewInboxEvent(eventID: id, chatKey: chat, eventType: "message.received", body: Data("{\"id\":\"\(id)\"}".utf8), receivedAt: t0)
    }

    @Test("instances that start at once apply each migration once")
    func concurrentMigrationsRunOnce() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            var stores: [PostgresBotStore] = []
            for _ in 0..<6 { stores.append(try await scratch.store(schema: schema, migrated: false)) }
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for store in stores { group.addTask { try await store.applyMigrations() } }
                var all: [String] = []
                for try await names in group { all += names }
                return all
            }
            let expected = PostgresBotStore.migrator.migrations.all.map(\.name)
            #expect(applied.sorted() == expected.sorted(), "each migration ran exactly once across the instances")
            #expect(try await stores[0].appliedMigrations() == expected)
            #expect(try await stores[1].applyMigrations().isEmpty, "an up-to-date database applies nothing")
        }
    }

    @Test("every connection commits synchronously and ends abandoned transactions (the reliability defaults)")
    func connectionSettings() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let store = try await scratch.store()
            let settings = try await store.rows(
                """
                SELECT current_setting('synchronous_commit'), current_setting('idle_in_transaction_session_timeout'),
                       current_setting('tcp_keepalives_idle'), current_setting('tcp_keepalives_interval'),
                       current_setting('tcp_keepalives_count'), current_schema()
                """,
                as: (String, String, String, String, String, String?).self
            )
            let row = try #require(settings.first)
            #expect(row.0 == "on" && row.1 == "1min")
            #expect([row.2, row.3, row.4] == ["10", "5", "3"])
            #expect(row.5 == store.configuration.schema)
        }
    }

    @Test("the same webhook delivered to two instances at once is stored once")
    func concurrentDuplicateAppends() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            let first = try await scratch.store(schema: schema)
            let second = try await scratch.store(schema: schema, migrated: false)
            let count = 40
            // Each message arrives twice on each instance: once with its event id, once as a
            // redelivery under another event id but the same message id.
            let results = try await withThrowingTaskGroup(of: InboxAppendResult.self) { group in
                for index in 0..<count {
                    for (store, eventID) in [(first, "e\(index)"), (second, "e\(index)"), (first, "r\(index)"), (second, "r\(index)")] {
                        group.addTask {
                            var event = Self.event(eventID, chat: "chat-\(index % 7)")
                            event.dedupKey = "message.received:m\(index)"
                            return try await store.append(event)
                        }
                    }
                }
                var all: [InboxAppendResult] = []
                for try await result in group { all.append(result) }
                return all
            }
            let stored = results.compactMap { if case .stored(let sequence) = $0 { sequence } else { nil } }
            #expect(stored.count == count, "one of the four deliveries of each message was stored")
            #expect(Set(stored).count == count)
            #expect(try await second.pendingCount() == count)
        }
    }

    @Test("two instances never hold a chat at once, and handle each event once, in order")
    func twoInstancesShareTheInbox() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            let first = try await scratch.store(schema: schema)
            let second = try await scratch.store(schema: schema, migrated: false)
            let chats = 8
            let perChat = 12
            for index in 0..<(chats * perChat) {
                let store = index.isMultiple(of: 2) ? first : second
                guard case .stored = try await store.append(Self.event("e\(index)", chat: "chat-\(index % chats)")) else {
                    Issue.record("event e\(index) not stored")
                    return
                }
            }
            let holds = HoldRecorder()
            let handled = try await withThrowingTaskGroup(of: [(String, Int)].self) { group in
                for worker in 0..<6 {
                    let store = worker < 3 ? first : second
                    group.addTask {
                        var seen: [(String, Int)] = []
                        var idle = 0
                        while idle < 40 {
                            guard let claim = try await store.claimNext(worker: "w\(worker)", now: Self.t0, leaseDuration: Self.lease, skipping: [])
                            else {
                                idle += 1
                                await Task.yield()
                                continue
                            }
                            idle = 0
                            let chat = claim.event.chatKey
                            holds.take(chat)
                            seen.append((chat, Int(claim.event.eventID.dropFirst())!))
                            // Released before the commit: any other claim of the chat before it would be a double hold.
                            holds.release(chat)
                            try await store.complete(claim, session: nil, now: Self.t0)
                        }
                        return seen
                    }
                }
                var all: [(String, Int)] = []
                for try await part in group { all += part }
                return all
            }
            #expect(holds.overlaps == 0, "no chat was held by two workers at once")
            #expect(handled.count == chats * perChat)
            #expect(Set(handled.map(\.1)).count == chats * perChat, "every event was handled once")
            #expect(try await first.pendingCount() == 0)
        }
    }

    @Test("a late commit from an instance whose lease ran out is refused and changes nothing")
    func lateFencedCommitIsRefused() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            let paused = try await scratch.store(schema: schema)
            let active = try await scratch.store(schema: schema, migrated: false)
            _ = try await paused.append(Self.event("f1", chat: "F"))
            _ = try await paused.append(Self.event("f2", chat: "F"))
            let stale = try #require(try await paused.claimNext(worker: "paused", now: Self.t0, leaseDuration: Self.lease, skipping: []))
            #expect(try await active.claimNext(worker: "active", now: Self.t0.addingTimeInterval(29), leaseDuration: Self.lease, skipping: []) == nil)
            let later = Self.t0.addingTimeInterval(31)
            let fresh = try #require(try await active.claimNext(worker: "active", now: later, leaseDuration: Self.lease, skipping: []))
            #expect(fresh.event.eventID == "f1" && fresh.fencingToken > stale.fencingToken)

            let lost = BotStoreError.leaseLost(chatKey: "F")
            let staleSession = StoredSession(data: Data("stale".utf8), updatedAt: later)
            await #expect(throws: lost) { try await paused.complete(stale, session: staleSession, now: later) }
            await #expect(throws: lost) { try await paused.retry(stale, attempts: 1, notBefore: later, error: "stale") }
            await #expect(throws: lost) { try await paused.deadLetter(stale, error: "stale", now: later) }
            await #expect(throws: lost) { try await paused.renew(stale, now: later, leaseDuration: Self.lease) }
            #expect(try await active.session(chatKey: "F") == nil)
            #expect(try await active.deadLetters(limit: 5).isEmpty)

            let session = StoredSession(data: Data("fresh".utf8), updatedAt: later)
            try await active.complete(fresh, session: session, now: later)
            #expect(try await paused.session(chatKey: "F") == session)
            let next = try #require(try await paused.claimNext(worker: "paused", now: later, leaseDuration: Self.lease, skipping: []))
            #expect(next.event.eventID == "f2" && next.session == session && next.fencingToken > fresh.fencingToken)
        }
    }

    @Test("a timer fires once when two instances fire due timers at the same moment")
    func timersFireOnceAcrossInstances() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            let first = try await scratch.store(schema: schema)
            let second = try await scratch.store(schema: schema, migrated: false)
            let count = 30
            for index in 0..<count {
                try await first.scheduleTimer(
                    ScheduledTimer(chatKey: "T\(index % 5)", name: "t\(index)", dueAt: Self.t0.addingTimeInterval(Double(index % 3)))
                )
            }
            let due = Self.t0.addingTimeInterval(10)
            let fired = try await withThrowingTaskGroup(of: Int.self) { group in
                for store in [first, second, first, second] {
                    group.addTask {
                        var total = 0
                        while true {
                            let now = try await store.fireDueTimers(now: due, limit: 4)
                            if now == 0, try await store.nextTimerDue() == nil { return total }
                            total += now
                            await Task.yield()
                        }
                    }
                }
                var total = 0
                for try await part in group { total += part }
                return total
            }
            #expect(fired == count, "every timer fired, and none twice")
            #expect(try await second.pendingCount() == count)
            #expect(try await first.fireDueTimers(now: due, limit: 100) == 0)
            var names: [String] = []
            while let claim = try await second.claimNext(worker: "w", now: due, leaseDuration: Self.lease, skipping: []) {
                #expect(claim.event.eventType == ScheduledTimer.eventType)
                names.append(claim.event.eventID)
                try await second.complete(claim, session: nil, now: due)
            }
            #expect(Set(names).count == count)
        }
    }
}

/// Which chats workers hold right now, and how often a worker took a chat another one held.
private final class HoldRecorder: Sendable {
    private let state = Mutex<(held: Set<String>, overlaps: Int)>(([], 0))

    var overlaps: Int { state.withLock { $0.overlaps } }

    func take(_ chat: String) {
        state.withLock { state in
            if !state.held.insert(chat).inserted { state.overlaps += 1 }
        }
    }

    func release(_ chat: String) {
        state.withLock { _ = $0.held.remove(chat) }
    }
}
