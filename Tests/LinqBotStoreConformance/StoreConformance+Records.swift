import Foundation
import LinqBot
import Testing

extension StoreConformance {
    static func sentMessageRecords(_ store: any BotStore) async throws {
        let first = SentMessageRecord(idempotencyKey: "k1", chatKey: "C", messageID: "m1", eventID: "e1", sentAt: t0)
        try await store.recordSent(first)
        try await store.recordSent(SentMessageRecord(idempotencyKey: "k1", chatKey: "C", messageID: "m-other", sentAt: t0.addingTimeInterval(9)))
        #expect(try await store.sentMessage(idempotencyKey: "k1") == first, "the first record of a key is kept")
        #expect(try await store.sentMessage(idempotencyKey: "nope") == nil)
        try await store.recordSent(SentMessageRecord(idempotencyKey: "k3", chatKey: "C", messageID: "m3", sentAt: t0.addingTimeInterval(20)))
        try await store.recordSent(SentMessageRecord(idempotencyKey: "k2", chatKey: "C", messageID: "m2", sentAt: t0.addingTimeInterval(10)))
        try await store.recordSent(SentMessageRecord(idempotencyKey: "k9", chatKey: "D", messageID: "m9", sentAt: t0.addingTimeInterval(10)))
        let chat = try await store.sentMessages(chatKey: "C", since: t0.addingTimeInterval(5), limit: 10)
        #expect(chat.map(\.messageID) == ["m2", "m3"])
        #expect(try await store.sentMessages(chatKey: "C", since: t0, limit: 1).map(\.messageID) == ["m1"])
        let report = try await store.prune(
            PruneCutoffs(inboxBefore: t0, dedupKeysBefore: t0, sentBefore: t0.addingTimeInterval(15), now: t0)
        )
        #expect(report.sentMessages == 3)
        #expect(try await store.sentMessages(chatKey: "C", since: .distantPast, limit: 10).map(\.messageID) == ["m3"])
    }

    static func counters(_ store: any BotStore) async throws {
        let day = t0.addingTimeInterval(86_400)
        #expect(try await store.counter("line:+1", now: t0) == 0)
        #expect(try await store.incrementCounter("line:+1", by: 1, expiresAt: day, now: t0) == 1)
        #expect(try await store.incrementCounter("line:+1", by: 4, expiresAt: day.addingTimeInterval(999), now: t0.addingTimeInterval(5)) == 5)
        #expect(try await store.counter("line:+1", now: t0.addingTimeInterval(10)) == 5)
        #expect(try await store.counter("line:+1", now: day) == 0, "an expired counter reads zero")
        #expect(
            try await store.incrementCounter("line:+1", by: 2, expiresAt: day.addingTimeInterval(86_400), now: day) == 2,
            "an expired counter restarts with the new expiry"
        )
        #expect(try await store.counter("line:+1", now: day.addingTimeInterval(86_000)) == 2)
        #expect(try await store.incrementCounter("unanswered", by: 1, expiresAt: nil, now: t0) == 1)
        #expect(try await store.incrementCounter("unanswered", by: 1, expiresAt: nil, now: day.addingTimeInterval(1e6)) == 2)
        try await store.resetCounter("unanswered")
        #expect(try await store.counter("unanswered", now: t0) == 0)
        _ = try await store.incrementCounter("short", by: 1, expiresAt: t0.addingTimeInterval(1), now: t0)
        let report = try await store.prune(PruneCutoffs(inboxBefore: t0, dedupKeysBefore: t0, sentBefore: t0, now: t0.addingTimeInterval(2)))
        #expect(report.counters == 1)
        #expect(try await store.counter("line:+1", now: day.addingTimeInterval(10)) == 2, "live counters survive a prune")
    }
}
