import Foundation
import LinqBot
import LinqModels
import Testing

/// What operators do through the admin API: replay and discard dead letters, export and erase
/// what the store keeps about a person's chats, and the retention of idle chats' sessions.
extension StoreConformance {
    /// A replayed dead letter is pending again at its original position, ahead of the chat's
    /// later events, with its event id and no attempts; it leaves the dead letters.
    static func deadLetterReplay(_ store: any BotStore) async throws {
        _ = try await store.append(event("x1", chat: "X", dedup: "message.received:mx1"))
        _ = try await store.append(event("x2", chat: "X"))
        let first = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        try await store.deadLetter(first, error: "boom", now: t0)
        let letter = try #require(try await store.deadLetters(limit: 5).first)
        #expect(letter.sequence == first.sequence && letter.event.eventID == "x1")
        #expect(try await store.replayDeadLetter(id: letter.id) == .replayed(sequence: first.sequence, chatKey: "X"))
        #expect(try await store.deadLetters(limit: 5).isEmpty)
        #expect(try await store.replayDeadLetter(id: letter.id) == .notFound, "a replayed dead letter is gone")
        #expect(try await store.pendingCount() == 2)
        let again = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(again.event == first.event && again.sequence == first.sequence && again.attempts == 0, "back at its place, ahead of x2")
        try await store.complete(again, session: nil, now: t0)
        let next = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(next.event.eventID == "x2")
        #expect(try await store.append(event("x1", chat: "X")) == .duplicate, "the replayed event keeps its id")
    }

    /// A dead letter whose inbox row was pruned is stored again at its original sequence.
    static func deadLetterReplayAfterPrune(_ store: any BotStore) async throws {
        _ = try await store.append(event("y1", chat: "Y"))
        let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        try await store.deadLetter(claim, error: "boom", now: t0)
        let later = t0.addingTimeInterval(8 * 86_400)
        #expect(try await store.prune(PruneCutoffs(inboxBefore: later, dedupKeysBefore: t0, sentBefore: t0, now: later)).inboxRows == 1)
        let letter = try #require(try await store.deadLetters(limit: 1).first, "dead letters outlive their inbox rows")
        #expect(try await store.replayDeadLetter(id: letter.id) == .replayed(sequence: claim.sequence, chatKey: "Y"))
        let again = try #require(try await store.claimNext(worker: "w", now: later, leaseDuration: lease, skipping: []))
        #expect(again.event == claim.event && again.sequence == claim.sequence)
        #expect(again.fencingToken > claim.fencingToken)
    }

    /// Dead letters page by id, newest first; a discarded one is gone and cannot be replayed.
    static func deadLetterPagesAndDiscard(_ store: any BotStore) async throws {
        for (id, chat) in [("z1", "Z1"), ("z2", "Z2"), ("z3", "Z3")] {
            _ = try await store.append(event(id, chat: chat))
            let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
            try await store.deadLetter(claim, error: id, now: t0)
        }
        let page = try await store.deadLetters(before: nil, limit: 2)
        #expect(page.map(\.error) == ["z3", "z2"])
        let rest = try await store.deadLetters(before: try #require(page.last?.id), limit: 2)
        #expect(rest.map(\.error) == ["z1"])
        #expect(try await store.discardDeadLetter(id: page[0].id))
        #expect(try await store.discardDeadLetter(id: page[0].id) == false)
        #expect(try await store.replayDeadLetter(id: page[0].id) == .notFound)
        #expect(try await store.deadLetters(limit: 10).map(\.error) == ["z2", "z1"])
        #expect(try await store.pendingCount() == 0, "a discarded dead letter is not handled")
    }

    /// The store finds a person's chats by the handle in what it stored, exports them, and
    /// erases them, keeping counters (the opt-out ledger) and dedup keys.
    static func chatRecordsAndErasure(_ store: any BotStore) async throws {
        let handle = "+15551230000"
        let body = Data(#"{"data":{"sender_handle":{"handle":"+15551230000"}},"event_id":"h1"}"#.utf8)
        let mine = NewInboxEvent(
            eventID: "h1", dedupKey: "message.received:mh1", chatKey: "H", eventType: "message.received", body: body, receivedAt: t0
        )
        _ = try await store.append(mine)
        _ = try await store.append(event("h2", chat: "H"))
        _ = try await store.append(event("o1", chat: "O"))
        let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        try await store.complete(claim, session: StoredSession(data: Data(#"{"people":["+15551230000"]}"#.utf8), updatedAt: t0), now: t0)
        let second = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: ["O"]))
        try await store.deadLetter(second, error: "boom", now: t0)
        try await store.recordSent(SentMessageRecord(idempotencyKey: "hk", chatKey: "H", messageID: "hm", eventID: "h1", sentAt: t0))
        try await store.recordSent(SentMessageRecord(idempotencyKey: "ok", chatKey: "O", messageID: "om", sentAt: t0))
        try await store.scheduleTimer(ScheduledTimer(chatKey: "H", name: "nudge", dueAt: t0.addingTimeInterval(60), payload: ["to": .string(handle)]))
        _ = try await store.incrementCounter("linqbot.optout:" + handle, by: 5, expiresAt: nil, now: t0)
        #expect(try await store.chatKeys(mentioning: handle) == ["H"])
        #expect(try await store.chatKeys(mentioning: "+1555123").isEmpty, "a handle matches whole, not as a prefix")
        let records = try await store.chatRecords(chatKey: "H")
        #expect(records.session?.updatedAt == t0)
        #expect(records.events.map(\.event.eventID) == ["h1", "h2"] && records.events.map(\.status) == ["done", "dead"])
        #expect(records.events.first?.event.body == body)
        #expect(records.sentMessages.map(\.messageID) == ["hm"] && records.timers.map(\.name) == ["nudge"])
        #expect(records.deadLetters.map(\.event.eventID) == ["h2"])
        let erased = try await store.eraseChat(chatKey: "H")
        #expect(erased == ChatErasure(sessions: 1, inboxRows: 2, sentMessages: 1, timers: 1, deadLetters: 1))
        #expect(try await store.chatRecords(chatKey: "H").isEmpty)
        #expect(try await store.chatKeys(mentioning: handle).isEmpty)
        #expect(try await store.counter("linqbot.optout:" + handle, now: t0) == 5, "counters stay")
        let redelivered = NewInboxEvent(
            eventID: "h1-again", dedupKey: "message.received:mh1", chatKey: "H", eventType: "message.received", body: body, receivedAt: t0
        )
        #expect(try await store.append(redelivered) == .duplicate, "dedup keys stay")
        #expect(try await store.chatRecords(chatKey: "O").events.map(\.event.eventID) == ["o1"], "other chats are untouched")
        #expect(try await store.sentMessage(idempotencyKey: "ok") != nil)
    }

    /// Erasing a chat a worker holds refuses that worker's commit, so it cannot write the session back.
    static func erasureFencesTheWorker(_ store: any BotStore) async throws {
        _ = try await store.append(event("q1", chat: "Q"))
        let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(try await store.eraseChat(chatKey: "Q").inboxRows == 1)
        await #expect(throws: BotStoreError.leaseLost(chatKey: "Q")) {
            try await store.complete(claim, session: StoredSession(data: Data("late".utf8), updatedAt: t0), now: t0)
        }
        #expect(try await store.session(chatKey: "Q") == nil)
        #expect(try await store.pendingCount() == 0)
        _ = try await store.append(event("q2", chat: "Q"))
        let next = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(next.event.eventID == "q2" && next.fencingToken > claim.fencingToken)
    }

    /// Idle chats' sessions go after their retention; a chat with an unfinished event or a timer keeps its session.
    static func sessionRetention(_ store: any BotStore) async throws {
        for chat in ["idle", "busy", "waiting", "fresh"] {
            _ = try await store.append(event("\(chat)-1", chat: chat))
            let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
            let written = chat == "fresh" ? t0.addingTimeInterval(86_400) : t0
            try await store.complete(claim, session: StoredSession(data: Data("{}".utf8), updatedAt: written), now: written)
        }
        _ = try await store.append(event("busy-2", chat: "busy"))
        try await store.scheduleTimer(ScheduledTimer(chatKey: "waiting", name: "later", dueAt: t0.addingTimeInterval(999 * 86_400)))
        let now = t0.addingTimeInterval(2 * 86_400)
        let report = try await store.prune(PruneCutoffs(now: now, retention: Retention(sessions: .seconds(86_400))))
        #expect(report.sessions == 1)
        #expect(try await store.sessions(after: nil, limit: 10).map(\.chatKey) == ["busy", "fresh", "waiting"])
        #expect(try await store.prune(PruneCutoffs(inboxBefore: now, dedupKeysBefore: now, sentBefore: now, now: now)).sessions == 0, "kept unless asked")
    }

    /// The backlog lists chats with unfinished events, longest waiting first; counters list by prefix, live only.
    static func listings(_ store: any BotStore) async throws {
        _ = try await store.append(event("l1", chat: "L2", at: 0))
        _ = try await store.append(event("l2", chat: "L1", at: 5))
        _ = try await store.append(event("l3", chat: "L1", at: 6))
        _ = try await store.append(event("l4", chat: "L3", at: 7))
        let claim = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        #expect(claim.event.eventID == "l1")
        let other = try #require(try await store.claimNext(worker: "w", now: t0, leaseDuration: lease, skipping: []))
        try await store.complete(other, session: nil, now: t0)
        let backlog = try await store.backlog(limit: 10)
        #expect(backlog.map(\.chatKey) == ["L2", "L1", "L3"] && backlog.map(\.events) == [1, 1, 1], "\(backlog)")
        #expect(backlog.map(\.inProgress) == [true, false, false])
        #expect(backlog.first?.oldestReceivedAt == t0 && backlog[1].oldestReceivedAt == t0.addingTimeInterval(6))
        #expect(try await store.backlog(limit: 1).count == 1)
        for key in ["p:b", "p:a", "p:c", "q:a"] { _ = try await store.incrementCounter(key, by: 2, expiresAt: nil, now: t0) }
        _ = try await store.incrementCounter("p:expired", by: 1, expiresAt: t0.addingTimeInterval(1), now: t0)
        let all = try await store.counters(prefix: "p:", after: nil, limit: 10, now: t0.addingTimeInterval(2))
        #expect(all == [CounterEntry(key: "p:a", value: 2), CounterEntry(key: "p:b", value: 2), CounterEntry(key: "p:c", value: 2)])
        #expect(try await store.counters(prefix: "p:", after: "p:a", limit: 1, now: t0).map(\.key) == ["p:b"])
        #expect(try await store.counters(prefix: "%", after: nil, limit: 10, now: t0).isEmpty, "the prefix is literal")
    }
}
