import Foundation
import LinqAPI
import LinqBot
import LinqFixtures
import LinqModels
import LinqSimulator
import Logging
import Synchronization
import Testing

/// E7: our own doing never reaches a handler: `message.sent`, an outbound direction, or a
/// sender that is one of our lines. Linq names self-reply loops as a cause of 1007.
@Suite struct LoopGuardTests {
    static let secret = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="

    static func variant(_ fixture: String, id: String, _ edits: [(String, String)] = []) throws -> Data {
        var text = String(decoding: try Fixtures.data("linq-webhooks/\(fixture)"), as: UTF8.self)
        for (from, to) in edits + [("a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13", id), ("3e5a7c9b-0d2f-4b4a-8c6e-1f3a5b7d9e02", "message-\(id)")] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        return Data(text.utf8)
    }

    @Test("message.sent, direction outbound and a sender that is our line get no handler call; a person's message does")
    func ownEventsAreNeverAnswered() async throws {
        let ours = [
            try Self.variant("message.sent.2026-02-03.json", id: "own-1"),
            try Self.variant("message.sent.2025-01-01.json", id: "own-2"),
            try Self.variant("message.received.2026-02-03.json", id: "own-3", [(#""direction": "inbound""#, #""direction": "outbound""#)]),
            try Self.variant(
                "message.received.2026-02-03.json", id: "own-4",
                [(#""handle": "+15555550123",\#n      "is_me": false"#, #""handle": "+15555550100",\#n      "is_me": false"#)]
            ),
        ]
        let person = try Self.variant("message.received.2026-02-03.json", id: "person-1")
        let handled = Mutex<[String]>([])
        let bot = Bot()
        bot.on(.text) { ctx in handled.withLock { $0.append(ctx.event.eventID.rawValue) } }
        bot.on(.unknown) { ctx in handled.withLock { $0.append(ctx.event.eventID.rawValue) } }
        let store = InMemoryBotStore()
        let signer = WebhookSigner(secret: try WebhookSecret(Self.secret))
        let now = Date(timeIntervalSince1970: 1_773_157_330)
        let app = try TestApplication.make(bot, store: store, now: { now })
        for body in ours + [person] {
            let id = try #require(try JSONDecoder().decode(JSONValue.self, from: body)["event_id"]?.stringValue)
            let headers = signer.headers(id: id, timestamp: 1_773_157_328, body: body, eventType: "message.received", subscriptionID: "s")
            let outcome = await app.receive(body: body) { headers[$0] }
            #expect(outcome.reason == "stored", "\(id): \(outcome.reason)")
        }
        let runner = Task { try await app.run() }
        var drained = false
        for _ in 0..<500_000 where !drained {
            drained = try await store.pendingCount() == 0
            if !drained { await Task.yield() }
        }
        runner.cancel()
        #expect(drained)
        #expect(handled.withLock { $0 } == ["person-1"])
        #expect(try await store.deadLetters(limit: 10).isEmpty)
    }
}
