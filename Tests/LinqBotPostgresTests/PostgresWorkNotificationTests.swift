import Clocks
import Foundation
import LinqAPI
import LinqBot
import LinqBotTesting
import LinqModels
@testable import LinqBotPostgres
import Logging
import Synchronization
import Testing

/// LISTEN/NOTIFY: work stored through one instance wakes a waiter of another at once.
@Suite(.enabled(if: PostgresTestDatabase.enabled, PostgresTestDatabase.disabledReason))
struct PostgresWorkNotificationTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)

    static func tick(_ id: String, chat: String) -> NewInboxEvent {
        let body = Data(#"{"api_version":"v3","webhook_version":"2026-02-03","event_type":"custom.tick","event_id":"\#(id)","created_at":"2026-03-10T15:42:07Z","data":{"chat_id":"\#(chat)"}}"#.utf8)
        return NewInboxEvent(eventID: id, chatKey: chat, eventType: "custom.tick", body: body, receivedAt: t0)
    }

    @Test("an append, fired timers and freed leases on one store are announced to a listener on another, and only in its schema", .timeLimit(.minutes(5)))
    func announcementsReachOtherInstances() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            let appending = try await scratch.store(schema: schema)
            let listening = try await scratch.store(schema: schema, migrated: false)
            let elsewhere = try await scratch.store()
            let (announcements, announce) = AsyncStream<Int>.makeStream()
            let (readiness, ready) = AsyncStream<Void>.makeStream()
            let listener = Task {
                try await listening.listenForWork(ready: { ready.yield() }, onWork: { announce.yield($0) })
            }
            defer { listener.cancel() }
            var readyIterator = readiness.makeAsyncIterator()
            _ = await readyIterator.next()
            var heard = announcements.makeAsyncIterator()

            // Another schema's append is not this store's work; the append here is, once committed.
            _ = try await elsewhere.append(Self.tick("x1", chat: "X"))
            _ = try await appending.append(Self.tick("a1", chat: "A"))
            let first = await heard.next()
            #expect(first == 1)

            // Three timers fired in one transaction: one announcement of three.
            for index in 0..<3 { try await appending.scheduleTimer(ScheduledTimer(chatKey: "T\(index)", name: "t", dueAt: Self.t0)) }
            #expect(try await appending.fireDueTimers(now: Self.t0, limit: 10) == 3)
            let second = await heard.next()
            #expect(second == 3)

            // A duplicate stores nothing and announces nothing; a dead instance's freed lease does.
            #expect(try await appending.append(Self.tick("a1", chat: "A")) == .duplicate)
            try await appending.registerInstance("gone", now: Self.t0)
            _ = try #require(try await appending.claimNext(worker: WorkerName.make(instance: "gone", index: 0), now: Self.t0, leaseDuration: .seconds(30), skipping: []))
            let sweep = try await appending.sweepInstances(heartbeatAtOrBefore: Self.t0, keeping: "someone-else")
            #expect(sweep.freedLeases == 1)
            let third = await heard.next()
            #expect(third == 1)
        }
    }

    @Test("an event appended through another store wakes an idle application at once, with no poll", .timeLimit(.minutes(5)))
    func appendElsewhereWakesAnIdleApplication() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            let other = try await scratch.store(schema: schema)
            let store = try await scratch.store(schema: schema, migrated: false)
            // The clock never moves: no idle poll, no heartbeat; only a notification can wake a worker.
            let clock = TestClock()
            let (handled, handle) = AsyncStream<String>.makeStream()
            let bot = Bot(configuration: .init(concurrency: 1, idlePoll: .seconds(3600)))
            bot.on(.unknown) { ctx in handle.yield(ctx.event.eventID.rawValue) }
            let app = try Self.application(bot, store: store, clock: clock)
            let running = Task { try await app.run() }
            defer { running.cancel() }
            await app.listeningForWork()
            var iterator = handled.makeAsyncIterator()
            _ = try await other.append(Self.tick("n1", chat: "N1"))
            let first = await iterator.next()
            #expect(first == "n1")
            _ = try await eventually { try await store.pendingCount() == 0 }
            for _ in 0..<1000 { await Task.yield() }
            // The one worker went back to waiting after n1: n2 can only reach it by a notification.
            _ = try await other.append(Self.tick("n2", chat: "N2"))
            let second = await iterator.next()
            #expect(second == "n2")
        }
    }

    @Test("a cancelled run (a sibling service failed, say the port was taken) still deregisters the instance", .timeLimit(.minutes(5)))
    func cancelledRunDeregisters() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let store = try await scratch.store()
            let app = try Self.application(Bot(configuration: .init(concurrency: 4, idlePoll: .seconds(3600))), store: store, clock: TestClock())
            let running = Task { try await app.run() }
            await app.listeningForWork()
            #expect(try await store.instances().count == 1)
            running.cancel()
            _ = await running.result
            #expect(try await store.instances().isEmpty, "deregistered although the run was cancelled")
        }
    }

    static func application(_ bot: Bot, store: PostgresBotStore, clock: TestClock<Duration>) throws -> BotApplication {
        let client = LinqClient(configuration: .init(apiKey: "k", baseURL: URL(string: "http://127.0.0.1:9")!), transport: RefusingTransport())
        let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret("whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s=")]))
        return BotApplication(
            bot: bot, store: store, client: client, verifier: verifier, configuration: .init(closesStore: false), clock: clock,
            now: { Self.t0 }, logger: PostgresTestDatabase.quietLogger
        )
    }
}

/// A transport for bots that send nothing.
private struct RefusingTransport: LinqTransport {
    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse { throw CancellationError() }
}
