import Foundation
import LinqBot
import Testing

extension StoreConformance {
    /// A coalesced burst: the chat's pending followers are listed in order, and completing the
    /// head with them finishes them all in one fenced write (or nothing, when the fence fails).
    static func bursts(_ store: any BotStore) async throws {
        for (index, id) in ["b1", "b2", "b3"].enumerated() { _ = try await store.append(event(id, chat: "B", at: Double(index))) }
        _ = try await store.append(event("other", chat: "C"))
        let head = try #require(try await store.claimNext(worker: "w", now: t0.addingTimeInterval(5), leaseDuration: lease, skipping: []))
        #expect(head.event.eventID == "b1")
        let followers = try await store.pendingEvents(chatKey: "B", after: head.sequence, limit: 10)
        #expect(followers.map(\.event.eventID) == ["b2", "b3"])
        #expect(try await store.pendingEvents(chatKey: "B", after: head.sequence, limit: 1).map(\.event.eventID) == ["b2"])

        // A stale claim changes nothing.
        var stale = head
        stale.fencingToken += 1
        await #expect(throws: BotStoreError.leaseLost(chatKey: "B")) {
            try await store.complete(stale, absorbing: followers.map(\.sequence), session: nil, now: t0)
        }
        #expect(try await store.pendingEvents(chatKey: "B", after: head.sequence, limit: 10).count == 2)

        let session = StoredSession(data: Data(#"{"turns":1}"#.utf8), updatedAt: t0)
        // Another chat's sequence in the list is ignored.
        let foreign = try await store.pendingEvents(chatKey: "C", after: 0, limit: 1).map(\.sequence)
        try await store.complete(head, absorbing: followers.map(\.sequence) + foreign, session: session, now: t0.addingTimeInterval(5))
        #expect(try await store.session(chatKey: "B") == session)
        #expect(try await store.pendingEvents(chatKey: "B", after: 0, limit: 10).isEmpty)
        #expect(try await store.pendingCount() == 1, "only chat C's event is left")
        let next = try await store.claimNext(worker: "w", now: t0.addingTimeInterval(5), leaseDuration: lease, skipping: [])
        #expect(next?.event.eventID == "other")
    }

    /// A completion that claims the worker's next event: the completion commits, the next claim
    /// follows the usual rules (the oldest claimable chat, a new fencing token), and a refused
    /// fence claims nothing.
    static func completionClaimingNext(_ store: any BotStore) async throws {
        for (id, chat) in [("n1", "N"), ("n2", "N"), ("m1", "M")] { _ = try await store.append(event(id, chat: chat)) }
        let first = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(first.event.eventID == "n1")
        var stale = first
        stale.fencingToken += 1
        await #expect(throws: BotStoreError.leaseLost(chatKey: "N")) {
            try await store.complete(stale, absorbing: [], session: nil, now: t0, claimingNextFor: "w", leaseDuration: lease)
        }
        #expect(try await store.pendingCount() == 3, "a refused completion claims nothing and finishes nothing")
        let session = StoredSession(data: Data(#"{"n":1}"#.utf8), updatedAt: t0)

        // Chat N is free again once its event is done, and its next event is the oldest.
        let second = try #require(try await store.complete(first, absorbing: [], session: session, now: t0, claimingNextFor: "w", leaseDuration: lease))
        #expect(second.event.eventID == "n2")
        #expect(second.worker == "w")
        #expect(second.fencingToken > first.fencingToken, "a new claim of a chat gets a larger token")
        if second.sessionLoaded { #expect(second.session == session, "the claim comes with the session the completion wrote") }
        let third = try #require(try await store.complete(second, absorbing: [], session: nil, now: t0, claimingNextFor: "w", leaseDuration: lease))
        #expect(third.event.eventID == "m1")
        #expect(try await store.complete(third, absorbing: [], session: nil, now: t0, claimingNextFor: "w", leaseDuration: lease) == nil)
        #expect(try await store.pendingCount() == 0)
    }

    /// Sessions list in chat-key order, page by page.
    static func sessionListing(_ store: any BotStore) async throws {
        #expect(try await store.sessions(after: nil, limit: 10).isEmpty)
        for chat in ["c", "a", "b"] {
            _ = try await store.append(event("e-\(chat)", chat: chat))
            let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
            try await store.complete(claim, session: StoredSession(data: Data(claim.event.chatKey.utf8), updatedAt: t0), now: t0)
        }
        let page = try await store.sessions(after: nil, limit: 2)
        #expect(page.map(\.chatKey) == ["a", "b"])
        #expect(page.first?.session.data == Data("a".utf8))
        #expect(try await store.sessions(after: "b", limit: 2).map(\.chatKey) == ["c"])
    }
}
