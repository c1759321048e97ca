import Foundation
import LinqBot
import LinqBotServer
import LinqBotTesting
import LinqModels
import NIOHTTP1
import Synchronization
import Testing

/// Dead letters, a person's export and erasure, and session retention through the admin API
/// over real HTTP, against a running bot (simulator, in-memory store, virtual clock).
@Suite struct AdminRecordsTests {
    /// Whether the order handler fails; tests mend it before replaying.
    final class Switch: Sendable {
        let broken = Mutex(true)
    }

    struct OrderSystemDown: Error {}

    /// Answers "order" with a reply, then fails while `failing` is broken; echoes anything else.
    static func makeBot(_ failing: Switch, retention: Retention = Retention()) -> Bot {
        let bot = Bot(configuration: .init(maxAttempts: 2, retention: retention))
        bot.onText(.keyword("order")) { ctx, _ in
            try await ctx.reply("Working on your order")
            if failing.broken.withLock({ $0 }) { throw OrderSystemDown() }
            try await ctx.reply("Order placed")
        }
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        return bot
    }

    static func run(_ failing: Switch, retention: Retention = Retention(), _ body: (BotTester, AdminClient) async throws -> Void) async throws {
        let tester = try await BotTester(bot: makeBot(failing, retention: retention))
        try await AdminHarness.serve(tester.app) { client in
            try await tester.run { try await body(tester, client) }
        }
    }

    static func deadLetters(_ client: AdminClient, _ query: String = "") async throws -> [JSONValue] {
        let listing = try await client.call(.GET, "/admin/dead-letters" + query)
        #expect(listing.status == 200, "\(listing.json)")
        guard case .array(let letters) = listing.json["dead_letters"] else { return [] }
        return letters
    }

    @Test("a replayed dead letter is handled in its chat, and the reply sent before the failure is not sent again")
    func replay() async throws {
        let failing = Switch()
        try await Self.run(failing) { tester, client in
            try await tester.deliver("order")
            // The first attempt fails; its retry comes due within the minute and fails too.
            // Within line health's stale-reply age (15 min): a turn replayed later gets no reply.
            try await tester.settle()
            try await tester.advance(by: .seconds(60))
            let letters = try await Self.deadLetters(client)
            let letter = try #require(letters.first, "the order was not dead-lettered")
            #expect(letters.count == 1 && letter["attempts"] == 2 && letter["event_type"] == "message.received")
            let chat = try #require(try await tester.chatID()).rawValue
            #expect(letter["chat_id"]?.stringValue == chat)
            #expect(letter["reason"]?.stringValue?.isEmpty == false && letter["event_id"]?.stringValue?.isEmpty == false)
            #expect(letter["failed_at"]?.stringValue.flatMap(LinqTimestamp.parse) != nil)
            #expect(try await tester.replies() == ["Working on your order"], "retries reuse the reply's idempotency key")

            failing.broken.withLock { $0 = false }
            let id = try #require(letter["id"]?.numberValue)
            let replayed = try await client.call(.POST, "/admin/dead-letters/\(Int(id))/replay")
            #expect(replayed.status == 200 && replayed.json["status"] == "replayed", "\(replayed.json)")
            try await tester.advance(by: .zero)
            #expect(try await tester.replies() == ["Working on your order", "Order placed"], "the first reply is not sent twice")
            let after = try await Self.deadLetters(client)
            #expect(after.isEmpty, "\(after)")
            #expect(try await client.call(.POST, "/admin/dead-letters/\(Int(id))/replay").status == 404)
            for bad in ["0", "x", "-1"] {
                let refused = try await client.call(.POST, "/admin/dead-letters/\(bad)/replay")
                #expect(refused.status == 400 && refused.error.contains("id"), "\(bad): \(refused.json)")
            }
            #expect(try await client.call(.GET, "/admin/dead-letters?limit=0").status == 400)
            #expect(try await client.call(.GET, "/admin/dead-letters?before=nope").status == 400)
            #expect(try await client.call(.GET, "/admin/dead-letters", authorization: nil).status == 401)
        }
    }

    @Test("a discarded dead letter is gone and never handled; the listing pages by id")
    func discard() async throws {
        let failing = Switch()
        try await Self.run(failing) { tester, client in
            for person in ["+15555550101", "+15555550102", "+15555550103"] {
                try await tester.deliver("order", from: person)
            }
            try await tester.settle()
            try await tester.advance(by: .seconds(3600))
            let first = try await client.call(.GET, "/admin/dead-letters?limit=2")
            guard case .array(let page) = first.json["dead_letters"], page.count == 2 else { Issue.record("\(first.json)"); return }
            let next = try #require(first.json["next_before"]?.numberValue)
            let rest = try await Self.deadLetters(client, "?limit=2&before=\(Int(next))")
            #expect(rest.count == 1)
            let ids = (page + rest).compactMap { $0["id"]?.numberValue }
            #expect(ids == ids.sorted(by: >) && Set(ids).count == 3, "newest first: \(ids)")

            failing.broken.withLock { $0 = false }
            for id in ids {
                let discarded = try await client.call(.DELETE, "/admin/dead-letters/\(Int(id))")
                #expect(discarded.status == 200 && discarded.json["discarded"] == true, "\(discarded.json)")
            }
            #expect(try await client.call(.DELETE, "/admin/dead-letters/\(Int(ids[0]))").status == 404)
            try await tester.advance(by: .seconds(60))
            #expect(try await Self.deadLetters(client).isEmpty)
            #expect(try await tester.replies(to: "+15555550101") == ["Working on your order"], "a discarded event is not handled")
        }
    }

    @Test("a person's export holds their opt-out, sessions, stored payloads, sent records and dead letters; erasure keeps only the opt-out")
    func exportAndErase() async throws {
        let failing = Switch()
        try await Self.run(failing) { tester, client in
            #expect(try await tester.send("hello") == ["You said: hello"])
            try await tester.deliver("order")
            try await tester.settle()
            try await tester.advance(by: .seconds(3600))
            try await tester.send("STOP")
            let chat = try #require(try await tester.chatID()).rawValue
            let handle = tester.person.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? tester.person

            let export = try await client.call(.GET, "/admin/people/\(handle)/export")
            #expect(export.status == 200, "\(export.json)")
            #expect(export.json["handle"]?.stringValue == tester.person && export.json["opted_out"] == true)
            #expect(export.json["opted_out_at"]?.stringValue.flatMap(LinqTimestamp.parse) != nil)
            guard case .array(let chats) = export.json["chats"], let only = chats.first, chats.count == 1 else {
                Issue.record("chats: \(export.json)")
                return
            }
            #expect(only["chat_id"]?.stringValue == chat && only["session"] != .null)
            guard case .array(let events) = only["inbox_events"], case .array(let sent) = only["sent_messages"],
                case .array(let dead) = only["dead_letters"]
            else { Issue.record("\(only)"); return }
            #expect(events.count >= 3 && events.allSatisfy { $0["payload"]?["event_type"] != nil }, "\(events)")
            #expect(events.contains { $0["status"] == "dead" })
            #expect(sent.count >= 2 && sent.allSatisfy { $0["message_id"]?.stringValue != nil }, "\(sent)")
            #expect(dead.count == 1 && dead.first?["payload"]?["event_type"] == "message.received")

            let erased = try await client.call(.DELETE, "/admin/people/\(handle)")
            #expect(erased.status == 200 && erased.json["opt_out_kept"] == true && erased.json["chats"] == [.string(chat)], "\(erased.json)")
            #expect(erased.json["erased"]?["sessions"] == 1 && erased.json["erased"]?["dead_letters"] == 1)
            #expect(erased.json["erased"]?["inbox_events"] == .number(Double(events.count)))

            let after = try await client.call(.GET, "/admin/people/\(handle)/export")
            #expect(after.json["opted_out"] == true && after.json["chats"] == [], "\(after.json)")
            #expect(try await client.call(.GET, "/admin/chats/\(chat)").status == 404)
            #expect(try await Self.deadLetters(client).isEmpty)
            #expect(try await tester.send("hello again").isEmpty, "the kept opt-out still holds")
            let unknown = try await client.call(.GET, "/admin/people/%2B15550000000/export")
            #expect(unknown.status == 200 && unknown.json["chats"] == [] && unknown.json["opted_out"] == false)
        }
    }

    @Test("an idle chat's session is pruned after its retention; an active one stays")
    func sessionRetention() async throws {
        let failing = Switch()
        try await Self.run(failing, retention: Retention(sessions: .seconds(86_400))) { tester, client in
            #expect(try await tester.send("hello", from: "+15555550111") == ["You said: hello"])
            try await tester.advance(by: .seconds(2 * 86_400))
            #expect(try await tester.send("still here", from: "+15555550112") == ["You said: still here"])
            // The bot prunes on its own schedule as the clock moves; one more prune now settles it.
            #expect(await tester.app.pruneOnce() != nil)
            let listing = try await client.call(.GET, "/admin/chats")
            guard case .array(let chats) = listing.json["chats"] else { Issue.record("\(listing.json)"); return }
            let active = try #require(try await tester.chatID(with: "+15555550112")).rawValue
            #expect(chats.compactMap { $0["chat_id"]?.stringValue } == [active])
        }
    }
}
