import Foundation
import LinqBot
import Testing

extension StoreConformance {
    /// A dead instance's leases are freed by a sweep at once, not when each runs out; the
    /// fence still refuses its late writes; live instances and their leases stay.
    static func instanceSweep(_ store: any BotStore) async throws {
        try await store.registerInstance("a", now: t0)
        try await store.registerInstance("b", now: t0)
        for (id, chat) in [("ia1", "IA"), ("ia2", "IA"), ("ib1", "IB")] { _ = try await store.append(event(id, chat: chat)) }
        let held = try #require(try await store.claimNext(worker: WorkerName.make(instance: "a", index: 0), now: t0, leaseDuration: lease, skipping: []))
        let live = try #require(try await store.claimNext(worker: WorkerName.make(instance: "b", index: 0), now: t0, leaseDuration: lease, skipping: []))
        #expect(held.event.chatKey == "IA" && live.event.chatKey == "IB")

        #expect(try await store.heartbeatInstance("b", now: t0.addingTimeInterval(5)))
        let early = try await store.sweepInstances(heartbeatAtOrBefore: t0.addingTimeInterval(-1), keeping: "b")
        #expect(early.deadInstances.isEmpty && early.freedLeases == 0, "no heartbeat is that old yet")
        let sweep = try await store.sweepInstances(heartbeatAtOrBefore: t0.addingTimeInterval(2), keeping: "b")
        #expect(sweep.deadInstances == ["a"])
        #expect(sweep.freedLeases == 1, "only the dead instance's lease is freed")
        #expect(try await store.instances().map(\.id) == ["b"])

        // Long before the 30 s lease runs out, another instance takes the chat over.
        let soon = t0.addingTimeInterval(3)
        let taken = try #require(try await store.claimNext(worker: WorkerName.make(instance: "b", index: 1), now: soon, leaseDuration: lease, skipping: []))
        #expect(taken.event.eventID == "ia1" && taken.fencingToken > held.fencingToken)
        await #expect(throws: BotStoreError.leaseLost(chatKey: "IA")) {
            try await store.complete(held, session: StoredSession(data: Data("late".utf8), updatedAt: soon), now: soon)
        }
        await #expect(throws: BotStoreError.leaseLost(chatKey: "IA")) { try await store.renew(held, now: soon, leaseDuration: lease) }
        try await store.renew(live, now: soon, leaseDuration: lease)
        try await store.complete(taken, session: StoredSession(data: Data("fresh".utf8), updatedAt: soon), now: soon)
        #expect(try await store.session(chatKey: "IA")?.data == Data("fresh".utf8))

        // The paused instance comes back and, before its heartbeat, a worker of it claims a
        // chat: no instance record names that lease, so the next sweep frees it at once.
        _ = try await store.append(event("ic1", chat: "IC"))
        let orphan = try #require(try await store.claimNext(worker: WorkerName.make(instance: "a", index: 1), now: soon, leaseDuration: lease, skipping: ["IA"]))
        #expect(orphan.event.chatKey == "IC")
        let next = try await store.sweepInstances(heartbeatAtOrBefore: t0.addingTimeInterval(-1), keeping: "b")
        #expect(next.deadInstances.isEmpty && next.freedLeases == 1, "the lease of an instance that is not registered is freed")
        let rescued = try #require(try await store.claimNext(worker: WorkerName.make(instance: "b", index: 2), now: soon, leaseDuration: lease, skipping: ["IA"]))
        #expect(rescued.event.eventID == "ic1" && rescued.fencingToken > orphan.fencingToken)
        try await store.complete(rescued, session: nil, now: soon)

        // Its heartbeat says it had been declared dead, and registers it again.
        #expect(try await !store.heartbeatInstance("a", now: soon))
        #expect(try await store.instances().map(\.id) == ["a", "b"])
        #expect(try await store.heartbeatInstance("a", now: soon.addingTimeInterval(2)))
    }

    /// A process that registers an id its predecessor used frees that one's leases as it starts.
    static func instanceRestart(_ store: any BotStore) async throws {
        try await store.registerInstance("r", now: t0)
        _ = try await store.append(event("rr1", chat: "RR"))
        let before = try #require(try await store.claimNext(worker: WorkerName.make(instance: "r", index: 3), now: t0, leaseDuration: lease, skipping: []))
        let restart = t0.addingTimeInterval(1)
        #expect(try await store.registerInstance("r", now: restart) == 1)
        let after = try #require(try await store.claimNext(worker: WorkerName.make(instance: "r", index: 3), now: restart, leaseDuration: lease, skipping: []))
        #expect(after.event.eventID == "rr1" && after.fencingToken > before.fencingToken)
        await #expect(throws: BotStoreError.leaseLost(chatKey: "RR")) { try await store.complete(before, session: nil, now: restart) }
        try await store.complete(after, session: nil, now: restart)
        let records = try await store.instances()
        #expect(records.map(\.id) == ["r"] && records.first?.heartbeatAt == restart)
    }

    /// A clean stop forgets the instance and frees what its workers still held.
    static func instanceDeregistration(_ store: any BotStore) async throws {
        try await store.registerInstance("d", now: t0)
        _ = try await store.append(event("dd1", chat: "DD"))
        let claim = try #require(try await store.claimNext(worker: WorkerName.make(instance: "d", index: 0), now: t0, leaseDuration: lease, skipping: []))
        #expect(try await store.deregisterInstance("d") == 1)
        #expect(try await store.instances().isEmpty)
        #expect(try await store.deregisterInstance("d") == 0)
        await #expect(throws: BotStoreError.leaseLost(chatKey: "DD")) { try await store.complete(claim, session: nil, now: t0) }
        let again = try #require(try await store.claimNext(worker: "other", now: t0, leaseDuration: lease, skipping: []))
        #expect(again.event.eventID == "dd1")
        // A sweep with no one to declare dead changes nothing.
        #expect(try await store.sweepInstances(heartbeatAtOrBefore: t0.addingTimeInterval(100), keeping: "d") == InstanceSweep())
        try await store.complete(again, session: nil, now: t0)
    }
}
