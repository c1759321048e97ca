import Foundation
import LinqBot
import LinqBotSQLite
import Testing

/// One process writes a SQLite file: a start frees every lease earlier processes left.
@Suite struct SQLiteInstancesTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)
    static let lease = Duration.seconds(30)

    static func event(_ id: String, chat: String) -> NewInboxEvent {
        NewInboxEvent(eventID: id, chatKey: chat, eventType: "message.received", body: Data("{\"id\":\"\(id)\"}".utf8), receivedAt: t0)
    }

    @Test("a process started after a kill -9 frees the leases of the one it replaces as it registers, whatever its id")
    func restartFreesEveryEarlierLease() async throws {
        try await TemporaryDatabase.with { database in
            let path = database.path()
            // The first process: an instance with a chat mid-handler, and a lease of a worker of no instance.
            let killed = try await openMigrated(path)
            try await killed.registerInstance("first", now: Self.t0)
            _ = try await killed.append(Self.event("k1", chat: "K"))
            _ = try await killed.append(Self.event("k2", chat: "L"))
            let midHandler = try #require(try await killed.claimNext(worker: WorkerName.make(instance: "first", index: 0), now: Self.t0, leaseDuration: Self.lease, skipping: []))
            _ = try #require(try await killed.claimNext(worker: "by-hand", now: Self.t0, leaseDuration: Self.lease, skipping: []))
            try await killed.close()  // the process died: nothing deregistered, nothing released

            let restarted = try await openMigrated(path)
            do {
                let now = Self.t0.addingTimeInterval(1)
                #expect(try await restarted.claimNext(worker: "probe", now: now, leaseDuration: Self.lease, skipping: []) == nil, "both chats are leased")
                #expect(try await restarted.registerInstance("second", now: now) == 2)
                #expect(try await restarted.instances().map(\.id) == ["second"], "the dead process's instance is forgotten")
                let taken = try #require(try await restarted.claimNext(worker: WorkerName.make(instance: "second", index: 0), now: now, leaseDuration: Self.lease, skipping: []))
                #expect(taken.event.eventID == "k1" && taken.fencingToken > midHandler.fencingToken)

                // A second application on the same store object (a test harness) leaves the first one's leases alone.
                #expect(try await restarted.registerInstance("third", now: now) == 0)
                #expect(try await restarted.instances().map(\.id) == ["second", "third"])
                try await restarted.complete(taken, session: nil, now: now)
            } catch {
                try? await restarted.close()
                throw error
            }
            try await restarted.close()
        }
    }
}
