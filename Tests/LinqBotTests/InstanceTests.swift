import Clocks
import Foundation
import LinqAPI
import LinqBot
import LinqBotTesting
import Testing

/// Instances that know each other: a dead instance's chats are taken over as soon as it is
/// known dead, not when each lease runs out; a clean stop frees what the instance held.
@Suite struct InstanceTests {
    static func tick(_ id: String, chat: String, at date: Date) -> NewInboxEvent {
        let body = Data(#"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"custom.tick","event_id":"\#(id)","created_at":"2026-03-10T15:42:07Z","data":{"chat_id":"\#(chat)"}}"#.utf8)
        return NewInboxEvent(eventID: id, chatKey: chat, eventType: "custom.tick", body: body, receivedAt: date)
    }

    @Test("a dead instance's chat mid-handler is taken over at the first sweep past the instance timeout", .timeLimit(.minutes(5)))
    func deadInstanceIsSweptAndItsChatTakenOver() async throws {
        let clock = TestClock()
        let now = VirtualTime.wallClock(following: clock)
        let store = InMemoryBotStore()
        // Another instance registered, claimed the chat (30 s lease) and died without a word.
        try await store.registerInstance("ghost", now: now())
        _ = try await store.append(Self.tick("t1", chat: "C", at: now()))
        _ = try #require(try await store.claimNext(worker: WorkerName.make(instance: "ghost", index: 0), now: now(), leaseDuration: .seconds(30), skipping: []))

        let handled = Beacon<Date>()
        let bot = Bot(configuration: .init(concurrency: 2, idlePoll: .seconds(3600)))
        bot.on(.unknown) { _ in handled.send(now()) }
        let app = try TestApplication.make(bot, store: store, clock: clock, now: now, instanceID: "alive")
        let running = Task { try await app.run() }
        defer { running.cancel() }
        await waitUntil { try await store.instances().map(\.id) == ["alive", "ghost"] }

        // 4 s after its last heartbeat the ghost may be alive; at 6 s (the instance timeout) it is known dead.
        await clock.advance(by: .seconds(4))
        await app.heartbeatNow()
        #expect(try await store.pendingCount() == 1, "the chat still waits for the ghost")
        await clock.advance(by: .seconds(2))
        await app.heartbeatNow()
        let at = await handled.next().first
        #expect(at.map { $0.timeIntervalSince(now()) } == 0, "handled at the sweep, not at the lease's expiry 24 s later")
        #expect(try await store.instances().map(\.id) == ["alive"])
        await waitUntil { try await store.pendingCount() == 0 }
    }

    @Test("a clean stop deregisters the instance", .timeLimit(.minutes(5)))
    func cleanStopDeregisters() async throws {
        let clock = TestClock()
        let store = InMemoryBotStore()
        let app = try TestApplication.make(Bot(), store: store, clock: clock, instanceID: "leaving")
        let running = Task { try await app.run() }
        await waitUntil { try await store.instances().map(\.id) == ["leaving"] }
        running.cancel()
        _ = await running.result
        #expect(try await store.instances().isEmpty)
    }

    @Test("an instance id or heartbeat that cannot work fails at start, saying what to fix")
    func badInstanceSettingsFailAtStart() async throws {
        for (configuration, fragment) in [
            (BotApplication.Configuration(instanceID: "pod/1"), "contains /"),
            (BotApplication.Configuration(instanceID: ""), "empty"),
            (BotApplication.Configuration(instanceID: "has space"), "spaces"),
            (BotApplication.Configuration(heartbeatInterval: .seconds(5), instanceTimeout: .seconds(6)), "at least twice"),
            (BotApplication.Configuration(heartbeatInterval: .zero), "positive"),
        ] {
            let app = try TestApplication.make(Bot(), store: InMemoryBotStore(), configuration: configuration)
            let error = await #expect(throws: LinqConfigurationError.self) { try await app.prepare() }
            #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
        }
    }
}

/// Yields (never sleeps) until `condition` holds, bounded in real time.
func waitUntil(_ condition: () async throws -> Bool) async {
    if await !eventually({ (try? await condition()) == true }) { Issue.record("condition never held") }
}
