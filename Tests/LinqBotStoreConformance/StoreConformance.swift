import Foundation
public import LinqBot
import Testing

/// The checks every ``BotStore`` must pass. Each store's test target calls ``run(_:)`` with a
/// factory that makes a fresh, migrated store.
public enum StoreConformance {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)
    static let lease = Duration.seconds(30)

    /// Runs every check, each on a fresh store.
    public static func run(_ makeStore: () async throws -> any BotStore) async throws {
        try await deduplication(makeStore())
        try await perChatOrder(makeStore())
        try await completionAndSessions(makeStore())
        try await fencing(makeStore())
        try await retriesAndDeadLetters(makeStore())
        try await pruningAndCounts(makeStore())
        try await concurrentWorkers(makeStore())
        try await roundTrip(makeStore())
        try await fencingAfterRelease(makeStore())
        try await deadLetterOrder(makeStore())
        try await sentMessageRecords(makeStore())
        try await counters(makeStore())
        try await paces(makeStore())
        try await concurrentPaceBookings(makeStore())
        try await timers(makeStore())
        try await bursts(makeStore())
        try await completionClaimingNext(makeStore())
        try await sessionListing(makeStore())
        try await preloadedSessions(makeStore())
        try await concurrentCompletions(makeStore())
        try await instanceSweep(makeStore())
        try await instanceRestart(makeStore())
        try await instanceDeregistration(makeStore())
        try await lineAssignments(makeStore())
        try await deadLetterReplay(makeStore())
        try await deadLetterReplayAfterPrune(makeStore())
        try await deadLetterPagesAndDiscard(makeStore())
        try await chatRecordsAndErasure(makeStore())
        try await erasureFencesTheWorker(makeStore())
        try await sessionRetention(makeStore())
        try await listings(makeStore())
    }

    static func event(_ id: String, chat: String, dedup: String? = nil, at offset: Double = 0) -> NewInboxEvent {
        NewInboxEvent(
            eventID: id, dedupKey: dedup, chatKey: chat, eventType: "message.received", body: Data("{\"id\":\"\(id)\"}".utf8),
            receivedAt: t0.addingTimeInterval(offset)
        )
    }

    static func deduplication(_ store: any BotStore) async throws {
        let first = try await store.append(event("e1", chat: "c1", dedup: "message.received:m1"))
        guard case .stored = first else { Issue.record("first append not stored"); return }
        #expect(try await store.append(event("e1", chat: "c1")) == .duplicate)
        #expect(try await store.append(event("e2", chat: "c1", dedup: "message.received:m1")) == .duplicate)
        guard case .stored = try await store.append(event("e3", chat: "c1", dedup: "message.received:m3")) else {
            Issue.record("distinct event not stored")
            return
        }
        #expect(try await store.pendingCount() == 2)
    }

    static func perChatOrder(_ store: any BotStore) async throws {
        for (id, chat) in [("a1", "A"), ("b1", "B"), ("a2", "A"), ("b2", "B")] { _ = try await store.append(event(id, chat: chat)) }
        let first = try #require(try await store.claimNext(worker: "w1", now: t0, leaseDuration: lease, skipping: []))
        #expect(first.event.eventID == "a1")
        let second = try #require(try await store.claimNext(worker: "w2", now: t0, leaseDuration: lease, skipping: []))
        #expect(second.event.eventID == "b1")
        #expect(try await store.claimNext(worker: "w3", now: t0, leaseDuration: lease, skipping: []) == nil)
        try await store.complete(first, session: nil, now: t0)
        let third = try #require(try await store.claimNext(worker: "w1", now: t0, leaseDuration: lease, skipping: []))
        #expect(third.event.eventID == "a2")
        #expect(try await store.claimNext(worker: "w4", now: t0, leaseDuration: lease, skipping: ["B"]) == nil)
    }

    static func completionAndSessions(_ store: any BotStore) async throws {
        _ = try await store.append(event("s1", chat: "S"))
        _ = try await store.append(event("s2", chat: "S"))
        #expect(try await store.session(chatKey: "S") == nil)
        let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        let session = StoredSession(data: Data("{\"count\":1}".utf8), updatedAt: t0)
        try await store.complete(claim, session: session, now: t0)
        #expect(try await store.session(chatKey: "S")?.data == session.data)
        let next = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(next.event.eventID == "s2")
        try await store.complete(next, session: nil, now: t0)
        #expect(try await store.session(chatKey: "S")?.data == session.data, "a nil session keeps the stored one")
        #expect(try await store.pendingCount() == 0)
    }

    static func fencing(_ store: any BotStore) async throws {
        _ = try await store.append(event("f1", chat: "F"))
        let stale = try #require(try await store.claimNext(worker: "old", now: t0, leaseDuration: lease, skipping: []))
        #expect(try await store.claimNext(worker: "new", now: t0.addingTimeInterval(29), leaseDuration: lease, skipping: []) == nil)
        try await store.renew(stale, now: t0.addingTimeInterval(20), leaseDuration: lease)
        #expect(try await store.claimNext(worker: "new", now: t0.addingTimeInterval(45), leaseDuration: lease, skipping: []) == nil)
        let later = t0.addingTimeInterval(51)
        let fresh = try #require(try await store.claimNext(worker: "new", now: later, leaseDuration: lease, skipping: []))
        #expect(fresh.fencingToken > stale.fencingToken)
        #expect(fresh.event.eventID == "f1")
        await #expect(throws: BotStoreError.leaseLost(chatKey: "F")) {
            try await store.complete(stale, session: StoredSession(data: Data("stale".utf8), updatedAt: later), now: later)
        }
        await #expect(throws: BotStoreError.leaseLost(chatKey: "F")) { try await store.renew(stale, now: later, leaseDuration: lease) }
        try await store.complete(fresh, session: StoredSession(data: Data("fresh".utf8), updatedAt: later), now: later)
        #expect(try await store.session(chatKey: "F")?.data == Data("fresh".utf8))
    }

    static func retriesAndDeadLetters(_ store: any BotStore) async throws {
        _ = try await store.append(event("r1", chat: "R"))
        _ = try await store.append(event("r2", chat: "R"))
        let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        try await store.retry(claim, attempts: 1, notBefore: t0.addingTimeInterval(10), error: "boom")
        #expect(try await store.claimNext(worker: "w", now: t0.addingTimeInterval(5), leaseDuration: lease, skipping: []) == nil, "r2 must wait behind r1")
        let again = try #require(try await store.claimNext(worker: "w", now: t0.addingTimeInterval(10), leaseDuration: lease, skipping: []))
        #expect(again.event.eventID == "r1" && again.attempts == 1)
        try await store.deadLetter(again, error: "still boom", now: t0.addingTimeInterval(11))
        let next = try #require(try await store.claimNext(worker: "w", now: t0.addingTimeInterval(11), leaseDuration: lease, skipping: []))
        #expect(next.event.eventID == "r2")
        let dead = try await store.deadLetters(limit: 10)
        #expect(dead.count == 1 && dead.first?.event.eventID == "r1" && dead.first?.error == "still boom")
    }

    /// B7: event-id dedup lasts as long as the inbox row (7 days); the message-id guard of
    /// `message.received` outlives it.
    static func pruningAndCounts(_ store: any BotStore) async throws {
        let day = 86_400.0
        _ = try await store.append(event("p1", chat: "P", dedup: "message.received:pm1", at: 0))
        _ = try await store.append(event("p2", chat: "P", at: 100))
        let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        try await store.complete(claim, session: nil, now: t0)
        let almostAWeek = t0.addingTimeInterval(6 * day + 23 * 3600)
        #expect(try await store.append(event("p1", chat: "P", at: almostAWeek.timeIntervalSince(t0))) == .duplicate)
        let retention = Retention()
        let early = try await store.prune(PruneCutoffs(now: almostAWeek, retention: retention))
        #expect(early.inboxRows == 0)
        let afterAWeek = t0.addingTimeInterval(7 * day + 60)
        let report = try await store.prune(PruneCutoffs(now: afterAWeek, retention: retention))
        #expect(report.inboxRows == 1 && report.dedupKeys == 0)
        #expect(try await store.pendingCount() == 1, "pending events are never pruned")
        #expect(
            try await store.append(event("p1-again", chat: "P", dedup: "message.received:pm1", at: 7 * day + 120)) == .duplicate,
            "the message-id guard outlives the inbox row"
        )
        guard case .stored = try await store.append(event("p1", chat: "P", at: 7 * day + 180)) else {
            Issue.record("a pruned event id is accepted again")
            return
        }
        let late = try await store.prune(PruneCutoffs(now: t0.addingTimeInterval(31 * day), retention: retention))
        #expect(late.dedupKeys == 1)
        guard case .stored = try await store.append(event("p1-late", chat: "P", dedup: "message.received:pm1", at: 31 * day)) else {
            Issue.record("a pruned message id is accepted again")
            return
        }
    }

    static func concurrentWorkers(_ store: any BotStore) async throws {
        let chats = 10
        let perChat = 15
        for index in 0..<(chats * perChat) {
            _ = try await store.append(event("x\(index)", chat: "chat-\(index % chats)"))
        }
        let handled = try await withThrowingTaskGroup(of: [(String, Int)].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var seen: [(String, Int)] = []
                    var idle = 0
                    while idle < 50 {
                        guard let claim = try await store.claimNext(worker: "w\(worker)", now: t0, leaseDuration: lease, skipping: []) else {
                            idle += 1
                            await Task.yield()
                            continue
                        }
                        idle = 0
                        seen.append((claim.event.chatKey, Int(claim.event.eventID.dropFirst())!))
                        try await store.complete(claim, session: nil, now: t0)
                    }
                    return seen
                }
            }
            var all: [(String, Int)] = []
            for try await part in group { all += part }
            return all
        }
        #expect(handled.count == chats * perChat)
        #expect(Set(handled.map(\.1)).count == chats * perChat)
        for chat in 0..<chats {
            let order = handled.filter { $0.0 == "chat-\(chat)" }.map(\.1)
            #expect(order.count == perChat)
        }
    }

    /// What comes back is what went in: body bytes (empty included), keys, type and time (to
    /// whole seconds here, since stores may keep times to about a microsecond).
    static func roundTrip(_ store: any BotStore) async throws {
        let empty = NewInboxEvent(
            eventID: "rt1", dedupKey: "message.received:rt1", chatKey: "RT", eventType: "message.edited", body: Data(), receivedAt: t0
        )
        let binary = NewInboxEvent(eventID: "rt2", chatKey: "RT2", eventType: "chat.created", body: Data([0, 255, 10, 0]), receivedAt: t0)
        _ = try await store.append(empty)
        _ = try await store.append(binary)
        let first = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(first.event == empty && first.attempts == 0 && first.worker == "w")
        let second = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(second.event == binary)
        try await store.complete(first, session: StoredSession(data: Data(), updatedAt: t0), now: t0)
        #expect(try await store.session(chatKey: "RT") == StoredSession(data: Data(), updatedAt: t0))
        try await store.deadLetter(second, error: "", now: t0)
        let dead = try #require(try await store.deadLetters(limit: 1).first)
        #expect(dead.event == binary && dead.sequence == second.sequence && dead.attempts == 1 && dead.error == "" && dead.failedAt == t0)
    }

    /// A released lease keeps its token: the next claim of the chat gets a larger one, so a stale
    /// claim of the same worker is refused by every fenced call, which then change nothing.
    static func fencingAfterRelease(_ store: any BotStore) async throws {
        _ = try await store.append(event("g1", chat: "G"))
        _ = try await store.append(event("g2", chat: "G"))
        let first = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        try await store.retry(first, attempts: 1, notBefore: t0, error: "transient")
        let again = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(again.event.eventID == "g1" && again.fencingToken > first.fencingToken)
        let lost = BotStoreError.leaseLost(chatKey: "G")
        await #expect(throws: lost) { try await store.complete(first, session: StoredSession(data: Data("stale".utf8), updatedAt: t0), now: t0) }
        await #expect(throws: lost) { try await store.retry(first, attempts: 9, notBefore: t0.addingTimeInterval(99), error: "stale") }
        await #expect(throws: lost) { try await store.deadLetter(first, error: "stale", now: t0) }
        await #expect(throws: lost) { try await store.renew(first, now: t0, leaseDuration: lease) }
        #expect(try await store.session(chatKey: "G") == nil)
        #expect(try await store.deadLetters(limit: 10).isEmpty)
        #expect(try await store.pendingCount() == 2)
        try await store.complete(again, session: nil, now: t0)
        await #expect(throws: lost) { try await store.complete(again, session: nil, now: t0) }
        let next = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(next.event.eventID == "g2" && next.fencingToken > again.fencingToken)
    }

    /// Skipping one chat still lets another's head be claimed; dead letters come newest first,
    /// cut at `limit`, and count the attempt that failed.
    static func deadLetterOrder(_ store: any BotStore) async throws {
        for (id, chat) in [("d1", "D1"), ("d2", "D2"), ("d3", "D3")] { _ = try await store.append(event(id, chat: chat)) }
        let notD1 = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: ["D1"]))
        #expect(notD1.event.eventID == "d2")
        try await store.deadLetter(notD1, error: "two", now: t0.addingTimeInterval(1))
        let d1 = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        try await store.retry(d1, attempts: 1, notBefore: t0, error: "once")
        let d1Again = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: ["D3"]))
        #expect(d1Again.event.eventID == "d1" && d1Again.attempts == 1)
        try await store.deadLetter(d1Again, error: "one", now: t0.addingTimeInterval(2))
        let d3 = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        try await store.deadLetter(d3, error: "three", now: t0.addingTimeInterval(3))
        let newest = try await store.deadLetters(limit: 2)
        #expect(newest.map(\.event.eventID) == ["d3", "d1"])
        #expect(newest.map(\.attempts) == [1, 2])
        #expect(try await store.deadLetters(limit: 10).map(\.error) == ["three", "one", "two"])
        #expect(try await store.pendingCount() == 0)
    }

    /// A store may hand out the chat's session with the claim (``ClaimedEvent/sessionLoaded``);
    /// when it does, it is the session stored at claim time: none before the first write, then
    /// the latest one a fenced completion wrote, and never a stale completion's.
    static func preloadedSessions(_ store: any BotStore) async throws {
        for id in ["ps1", "ps2", "ps3"] { _ = try await store.append(event(id, chat: "PS")) }
        let first = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        if first.sessionLoaded { #expect(first.session == nil) }
        let written = StoredSession(data: Data("{\"step\":1}".utf8), updatedAt: t0)
        try await store.complete(first, session: written, now: t0)
        let second = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        if second.sessionLoaded { #expect(second.session == written) }
        // The lease runs out; a new claim takes the chat, and the stale completion changes nothing.
        let later = t0.addingTimeInterval(31)
        let third = try #require(try await store.claimNext(worker: "v", now: later, leaseDuration: lease, skipping: []))
        #expect(third.event.eventID == "ps2")
        await #expect(throws: BotStoreError.leaseLost(chatKey: "PS")) {
            try await store.complete(second, session: StoredSession(data: Data("stale".utf8), updatedAt: later), now: later)
        }
        if third.sessionLoaded { #expect(third.session == written) }
        #expect(try await store.session(chatKey: "PS") == written)
    }

    /// Completions that run at once (a store may commit them together) keep their own fences:
    /// a stale one fails alone and changes nothing; the others commit with their sessions.
    static func concurrentCompletions(_ store: any BotStore) async throws {
        let chats = 8
        for index in 0..<chats { _ = try await store.append(event("cc\(index)", chat: "CC\(index)")) }
        var claims: [ClaimedEvent] = []
        for _ in 0..<chats { claims.append(try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))) }
        // Chat CC0's claim goes stale: its lease expires and another worker takes the chat.
        let stale = try #require(claims.first { $0.event.chatKey == "CC0" })
        _ = try await store.append(event("cc0-next", chat: "CC0"))
        let later = t0.addingTimeInterval(31)
        let retaken = try #require(try await store.claimNext(worker: "v", now: later, leaseDuration: lease, skipping: []))
        #expect(retaken.event.eventID == "cc0" && retaken.fencingToken > stale.fencingToken)
        let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
            for claim in claims {
                group.addTask {
                    let session = StoredSession(data: Data(claim.event.chatKey.utf8), updatedAt: later)
                    do {
                        try await store.complete(claim, session: session, now: later)
                        return (claim.event.chatKey, true)
                    } catch {
                        #expect(error as? BotStoreError == .leaseLost(chatKey: claim.event.chatKey))
                        return (claim.event.chatKey, false)
                    }
                }
            }
            var outcomes: [String: Bool] = [:]
            for await (chat, done) in group { outcomes[chat] = done }
            return outcomes
        }
        for index in 0..<chats {
            let chat = "CC\(index)"
            #expect(outcomes[chat] == (index != 0), "\(chat)")
            #expect(try await store.session(chatKey: chat) == (index == 0 ? nil : StoredSession(data: Data(chat.utf8), updatedAt: later)))
        }
        // The retaken claim still holds the chat: it completes, and the chat's next event follows.
        try await store.complete(retaken, session: nil, now: later)
        let next = try #require(try await store.claimNext(worker: "v", now: later, leaseDuration: lease, skipping: []))
        #expect(next.event.eventID == "cc0-next")
        #expect(try await store.pendingCount() == 1)
    }
}
