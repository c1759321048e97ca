import Foundation
import LinqBot
import LinqModels
import Testing

extension StoreConformance {
    static func timers(_ store: any BotStore) async throws {
        #expect(try await store.nextTimerDue() == nil)
        try await store.scheduleTimer(ScheduledTimer(chatKey: "T", name: "follow-up", dueAt: t0.addingTimeInterval(60), payload: ["n": 1]))
        try await store.scheduleTimer(ScheduledTimer(chatKey: "T", name: "reminder", dueAt: t0.addingTimeInterval(30)))
        try await store.scheduleTimer(ScheduledTimer(chatKey: "U", name: "reminder", dueAt: t0.addingTimeInterval(90)))
        // Scheduling a name again replaces the timer.
        try await store.scheduleTimer(ScheduledTimer(chatKey: "T", name: "follow-up", dueAt: t0.addingTimeInterval(45), payload: ["n": 2]))
        #expect(try await store.timers(chatKey: "T").map(\.name) == ["reminder", "follow-up"])
        #expect(try await store.timers(chatKey: "T").last?.payload == ["n": 2])
        #expect(try await store.nextTimerDue() == t0.addingTimeInterval(30))

        #expect(try await store.fireDueTimers(now: t0.addingTimeInterval(29), limit: 100) == 0)
        #expect(try await store.fireDueTimers(now: t0.addingTimeInterval(50), limit: 1) == 1, "the limit holds")
        #expect(try await store.fireDueTimers(now: t0.addingTimeInterval(50), limit: 100) == 1)
        #expect(try await store.fireDueTimers(now: t0.addingTimeInterval(50), limit: 100) == 0, "a timer fires once")
        #expect(try await store.timers(chatKey: "T").isEmpty)
        let first = try #require(try await store.claimNext(worker: "w", now: t0.addingTimeInterval(50), leaseDuration: lease, skipping: []))
        #expect(first.event.eventType == ScheduledTimer.eventType && first.event.chatKey == "T")
        let event = try WebhookEvent.decode(from: first.event.body)
        #expect(event.unknownData?["name"]?.stringValue == "reminder")
        try await store.complete(first, session: nil, now: t0.addingTimeInterval(50))
        let second = try #require(try await store.claimNext(worker: "w", now: t0.addingTimeInterval(50), leaseDuration: lease, skipping: []))
        #expect(try WebhookEvent.decode(from: second.event.body).unknownData?["payload"] == ["n": 2])
        try await store.complete(second, session: nil, now: t0.addingTimeInterval(50))

        #expect(try await store.cancelTimer(chatKey: "U", name: "reminder"))
        #expect(try await store.cancelTimer(chatKey: "U", name: "reminder") == false)
        try await store.scheduleTimer(ScheduledTimer(chatKey: "U", name: "a", dueAt: t0))
        try await store.scheduleTimer(ScheduledTimer(chatKey: "U", name: "b", dueAt: t0))
        #expect(try await store.cancelTimers(chatKey: "U") == 2)
        #expect(try await store.nextTimerDue() == nil)
        #expect(try await store.pendingCount() == 0)
    }
}
