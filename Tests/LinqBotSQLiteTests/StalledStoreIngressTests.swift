import Clocks
import Foundation
import LinqAPI
import LinqBot
import LinqBotSQLite
import LinqFixtures
import SQLiteNIO
import Testing

/// B5: a stalled database gets Linq a 503 within the ingest budget, never a 2xx without a
/// commit, and Linq's retry of the same delivery is stored afterwards.
@Suite struct StalledStoreIngressTests {
    static let secret = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="
    static let now = Date(timeIntervalSince1970: 1_773_157_330)

    static func delivery() throws -> (body: Data, headers: LinqHTTPHeaders) {
        let body = try Fixtures.data("linq-webhooks/message.received.2026-02-03.json")
        let headers = WebhookSigner(secret: try WebhookSecret(secret)).headers(
            id: "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13", timestamp: 1_773_157_328, body: body, eventType: "message.received", subscriptionID: "s"
        )
        return (body, headers)
    }

    static func ingress(_ store: any BotStore, clock: any Clock<Duration> = ContinuousClock()) throws -> WebhookIngress {
        let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(secret)]))
        return WebhookIngress(verifier: verifier, store: store, clock: clock, now: { now }, logger: quietLogger, optOuts: nil)
    }

    @Test("a write lock held past the busy timeout answers 503 and stores nothing; the retry is stored")
    func lockedDatabase() async throws {
        try await TemporaryDatabase.with { database in
            let store = try await SQLiteBotStore.open(path: database.path(), busyTimeout: .milliseconds(50), logger: quietLogger)
            try await store.migrate()
            let other = try await SQLiteConnection.open(storage: .file(path: database.path()), logger: quietLogger)
            let (body, headers) = try Self.delivery()
            let ingress = try Self.ingress(store)
            _ = try await other.query("BEGIN IMMEDIATE")
            let refused = await ingress.receive(body: body) { headers[$0] }
            #expect(refused.status == 503)
            _ = try await other.query("COMMIT")
            #expect(try await store.pendingCount() == 0, "nothing was committed behind the 503")
            let retried = await ingress.receive(body: body) { headers[$0] }
            #expect(retried.status == 200 && retried.reason == "stored")
            #expect(try await store.pendingCount() == 1)
            try await other.close()
            try await store.close()
        }
    }

    @Test("a store slower than the ingest budget answers 503 when the budget runs out; a late commit makes the retry a duplicate")
    func slowerThanTheBudget() async throws {
        try await TemporaryDatabase.with { database in
            // The append waits in SQLite's busy handler, in real time, for as long as the lock is
            // held: far longer than a loaded machine needs to move the ingest clock past the budget.
            let store = try await SQLiteBotStore.open(path: database.path(), busyTimeout: .seconds(600), logger: quietLogger)
            try await store.migrate()
            let other = try await SQLiteConnection.open(storage: .file(path: database.path()), logger: quietLogger)
            let (body, headers) = try Self.delivery()
            let clock = TestClock()
            let ingress = try Self.ingress(store, clock: clock)
            _ = try await other.query("BEGIN IMMEDIATE")
            let answer = Task { await ingress.receive(body: body) { headers[$0] } }
            // Move the ingest clock until the answer comes (the budget, 5 s, runs out); the lock
            // stays held throughout. The ingress may start waiting late on a loaded machine, so
            // the clock keeps moving until the answer, not for a fixed number of seconds.
            let ticker = Task {
                for _ in 0..<1_000_000 where !Task.isCancelled {
                    await clock.advance(by: .seconds(1))
                    for _ in 0..<100 { await Task.yield() }
                }
            }
            let outcome = await answer.value
            ticker.cancel()
            #expect(outcome.status == 503 && outcome.reason == "store did not commit in time")
            _ = try await other.query("COMMIT")
            // The append that was in flight may commit after the 503: Linq's retry is then a duplicate, never lost.
            let retried = await ingress.receive(body: body) { headers[$0] }
            #expect(retried.status == 200)
            #expect(try await store.pendingCount() == 1)
            try await other.close()
            try await store.close()
        }
    }
}
