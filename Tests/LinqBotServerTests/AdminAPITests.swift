import Foundation
import LinqAPI
import LinqBot
import LinqBotHost
import LinqBotServer
import LinqBotTesting
import LinqModels
import NIOHTTP1
import Prometheus
import Testing

/// The admin API over real HTTP on 127.0.0.1, against a running bot (dispatcher, simulator,
/// in-memory store, virtual clock). Nothing sleeps: `advance(by:)` waits until the bot is quiet.
@Suite struct AdminAPITests {
    @Test("without the right bearer token every admin route is 401; with none configured there is no /admin at all")
    func authentication() async throws {
        try await AdminHarness.run { tester, client in
            let missing = try await client.call(.GET, "/admin/chats", authorization: nil)
            #expect(missing.status == 401)
            #expect(missing.headers["www-authenticate"] == ["Bearer"])
            #expect(missing.error.contains("bearer token"))
            for wrong in ["Bearer wrong-token-0000000000", "Bearer \(AdminHarness.token)x", "Bearer ", "Basic \(AdminHarness.token)", AdminHarness.token] {
                let refused = try await client.call(.GET, "/admin/chats", authorization: wrong)
                #expect(refused.status == 401, "\(wrong)")
                #expect(refused.json == missing.json && refused.headers["www-authenticate"] == ["Bearer"])
            }
            let start = try await client.call(
                .POST, "/admin/flows/reminder/start", ["handle": .string(tester.person), "line": .string(tester.line)], authorization: "Bearer nope"
            )
            #expect(start.status == 401)
            #expect(try await client.call(.DELETE, "/admin/chats/c/timers", authorization: nil).status == 401)
            try await tester.advance(by: .zero)
            #expect(try await tester.replies().isEmpty, "a refused request reached the bot")
            #expect(try await client.call(.GET, "/admin/chats").status == 200)
            #expect(try await client.call(.GET, "/admin/chats", authorization: "bearer \(AdminHarness.token)").status == 200)
        }
        try await AdminHarness.serve(try ServerTestApplication.make(bot: AdminHarness.makeBot(), store: InMemoryBotStore()), admin: false) { client async throws in
            #expect(try await client.call(.GET, "/admin/chats").status == 404)
            #expect(try await client.call(.POST, "/admin/messages", ["chat_id": "c", "text": "hi"]).status == 404)
            #expect(try await client.call(.GET, "/healthz").status == 200)
        }
    }

    @Test("LINQBOT_SANDBOX=1 asks for the sandbox budget; another value fails at start naming the variable")
    func hostSandbox() throws {
        #expect(try BotHost.Configuration.fromEnvironment([:]).sandbox == false)
        #expect(try BotHost.Configuration.fromEnvironment(["LINQBOT_SANDBOX": "1"]).sandbox == true)
        let error = #expect(throws: LinqConfigurationError.self) { try BotHost.Configuration.fromEnvironment(["LINQBOT_SANDBOX": "maybe"]) }
        #expect(error?.message.contains("LINQBOT_SANDBOX") == true)
    }

    @Test("the host reads LINQBOT_ADMIN_TOKEN (empty: off) and refuses one under 16 characters without showing it")
    func hostToken() throws {
        #expect(try BotHost.Configuration.fromEnvironment([:]).adminToken == nil)
        #expect(try BotHost.Configuration.fromEnvironment(["LINQBOT_ADMIN_TOKEN": ""]).adminToken == nil)
        #expect(try BotHost.Configuration.fromEnvironment(["LINQBOT_ADMIN_TOKEN": AdminHarness.token]).adminToken?.reveal() == AdminHarness.token)
        let error = #expect(throws: LinqConfigurationError.self) {
            try BotHost.Configuration.fromEnvironment(["LINQBOT_ADMIN_TOKEN": "short-secret"])
        }
        let message = error?.message ?? ""
        #expect(message.contains("LINQBOT_ADMIN_TOKEN") && message.contains("at least 16") && !message.contains("short-secret"), "\(message)")
    }

    @Test("a flow started for a handle and line reaches the person; the listing and the chat show its state and timer")
    func startFlowAndInspect() async throws {
        try await AdminHarness.run { tester, client in
            let started = try await client.call(.POST, "/admin/flows/reminder/start", [
                "handle": .string(tester.person), "line": .string(tester.line), "data": ["what": "your dentist at 3 pm"],
                "time_zone": "America/New_York", "key": "remind-1",
            ])
            #expect(started.status == 202 && started.json == ["status": "queued"], "\(started.json)")
            try await tester.advance(by: .zero)
            #expect(try await tester.replies() == ["Reminder: your dentist at 3 pm. Reply YES to confirm."])
            let chat = try #require(try await tester.chatID())

            let listing = try await client.call(.GET, "/admin/chats")
            #expect(listing.status == 200 && listing.json["next_after"] == .null, "\(listing.json)")
            guard case .array(let chats) = listing.json["chats"] else { Issue.record("no chats: \(listing.json)"); return }
            let summary = try #require(chats.first { $0["chat_id"]?.stringValue == chat.rawValue }, "\(listing.json)")
            #expect(summary["flow"] == "reminder" && summary["state"] == "waiting" && summary["handed_off"] == false)
            #expect(summary["updated_at"]?.stringValue.flatMap(LinqTimestamp.parse) != nil)

            // Pages of one chat each end with a short page; a page's next_after starts the next.
            var seen: [String] = []
            var after: String?
            for _ in 0..<10 {
                let page = try await client.call(.GET, "/admin/chats?limit=1" + (after.map { "&after=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? ""))
                guard case .array(let items) = page.json["chats"] else { Issue.record("\(page.json)"); return }
                seen += items.compactMap { $0["chat_id"]?.stringValue }
                after = page.json["next_after"]?.stringValue
                if after == nil { break }
            }
            #expect(seen.contains(chat.rawValue) && Set(seen).count == seen.count, "\(seen)")

            // The chat id's dashes percent-encoded: the path is decoded before use.
            let one = try await client.call(.GET, "/admin/chats/" + chat.rawValue.replacingOccurrences(of: "-", with: "%2D"))
            #expect(one.status == 200, "\(one.json)")
            #expect(one.json["chat_id"]?.stringValue == chat.rawValue)
            #expect(one.json["flow"]?["flow"] == "reminder" && one.json["flow"]?["state"] == "waiting")
            #expect(one.json["flow"]?["data"]?["what"] == "your dentist at 3 pm")
            #expect(one.json["hand_off"] == .null && one.json["session"]?["linqbot.flow"] != nil)
            guard case .array(let timers) = one.json["timers"], timers.count == 1 else { Issue.record("timers: \(one.json)"); return }
            #expect(timers[0]["name"] == "linqbot.flow.timeout.0")
            #expect(timers[0]["due_at"]?.stringValue.flatMap(LinqTimestamp.parse) == AdminHarness.start.addingTimeInterval(3600))

            // The same key twice is queued once.
            let again = try await client.call(.POST, "/admin/flows/reminder/start", [
                "handle": .string(tester.person), "line": .string(tester.line), "data": ["what": "your dentist at 3 pm"], "key": "remind-1",
            ])
            #expect(again.status == 202)
            try await tester.advance(by: .zero)
            #expect(try await tester.replies().count == 1)

            #expect(try await client.call(.GET, "/admin/chats/6b0e3f2a-0000-4000-8000-000000000000").status == 404)
            for bad in ["0", "1001", "ten", "-5"] {
                let refused = try await client.call(.GET, "/admin/chats?limit=\(bad)")
                #expect(refused.status == 400 && refused.error.contains("limit"), "\(bad): \(refused.json)")
            }
        }
    }

    @Test("hand-off silences the bot and pauses the chat's timers; hand-back resumes both")
    func handOffAndBack() async throws {
        try await AdminHarness.run { tester, client in
            let chat = try await AdminHarness.startReminder(tester, client)
            let handOff = try await client.call(.POST, "/admin/chats/\(chat.rawValue)/hand-off", ["reason": "billing question"])
            #expect(handOff.status == 202, "\(handOff.json)")
            try await tester.advance(by: .zero)
            let held = try await client.call(.GET, "/admin/chats/\(chat.rawValue)")
            #expect(held.json["hand_off"]?["reason"] == "billing question", "\(held.json)")
            #expect(held.json["timers"] == [], "a handed-off chat's timers are paused")
            let listing = try await client.call(.GET, "/admin/chats")
            guard case .array(let chats) = listing.json["chats"] else { Issue.record("\(listing.json)"); return }
            #expect(chats.contains { $0["chat_id"]?.stringValue == chat.rawValue && $0["handed_off"] == true })

            #expect(try await tester.send("Is anyone there?").isEmpty, "the bot spoke in a handed-off chat")
            try await tester.advance(by: .seconds(7200))
            #expect(try await tester.replies().count == 1, "a paused timer fired")

            let handBack = try await client.call(.POST, "/admin/chats/\(chat.rawValue)/hand-back")
            #expect(handBack.status == 202, "\(handBack.json)")
            try await tester.advance(by: .zero)
            let resumed = try await client.call(.GET, "/admin/chats/\(chat.rawValue)")
            #expect(resumed.json["hand_off"] == .null)
            guard case .array(let timers) = resumed.json["timers"] else { Issue.record("\(resumed.json)"); return }
            #expect(timers.map { $0["name"] } == ["linqbot.flow.timeout.0"])
            #expect(try await tester.send("YES") == ["Confirmed, thank you!"])
            #expect(try await client.call(.GET, "/admin/chats/\(chat.rawValue)").json["flow"] == .null)
        }
    }

    @Test("timers are cancelled by name or all at once, with the count; messages go now or later; end-flow leaves the flow")
    func timersMessagesAndEndFlow() async throws {
        try await AdminHarness.run { tester, client in
            let chat = try await AdminHarness.startReminder(tester, client)
            let tomorrow = LinqTimestamp.format(AdminHarness.start.addingTimeInterval(86_400))
            for key in ["tomorrow", "later"] {
                let scheduled = try await client.call(.POST, "/admin/messages", [
                    "chat_id": .string(chat.rawValue), "text": "See you tomorrow!", "at": .string(tomorrow), "key": .string(key),
                ])
                #expect(scheduled.status == 202 && scheduled.json == ["status": "scheduled"], "\(scheduled.json)")
            }
            let one = try await client.call(.DELETE, "/admin/chats/\(chat.rawValue)/timers/linqbot.scheduled.tomorrow")
            #expect(one.status == 200 && one.json == ["cancelled": 1], "\(one.json)")
            #expect(try await client.call(.DELETE, "/admin/chats/\(chat.rawValue)/timers/linqbot.scheduled.tomorrow").json == ["cancelled": 0])
            let all = try await client.call(.DELETE, "/admin/chats/\(chat.rawValue)/timers")
            #expect(all.status == 200 && all.json == ["cancelled": 2], "the flow's timeout and the later message: \(all.json)")
            try await tester.advance(by: .seconds(2 * 86_400))
            #expect(try await tester.replies().count == 1, "a cancelled timer fired")

            let now = try await client.call(.POST, "/admin/messages", ["chat_id": .string(chat.rawValue), "text": "Hello from the front desk"])
            #expect(now.status == 202 && now.json == ["status": "queued"])
            try await tester.advance(by: .zero)
            #expect(try await tester.replies().last == "Hello from the front desk")

            let newcomer = "+15555550199"
            let first = try await client.call(.POST, "/admin/messages", ["handle": .string(newcomer), "line": .string(tester.line), "text": "Welcome!"])
            #expect(first.status == 202, "\(first.json)")
            try await tester.advance(by: .zero)
            #expect(try await tester.replies(to: newcomer) == ["Welcome!"])

            #expect(try await client.call(.POST, "/admin/chats/\(chat.rawValue)/end-flow").status == 202)
            try await tester.advance(by: .zero)
            let ended = try await client.call(.GET, "/admin/chats/\(chat.rawValue)")
            #expect(ended.json["flow"] == .null, "\(ended.json)")
            #expect(try await tester.send("YES") == ["You said: YES"])
        }
    }

    @Test("a handle without a line gets the line pool's; GET /admin/lines reports the pool; a move to an unknown line is 404")
    func linePool() async throws {
        try await AdminHarness.run { tester, client in
            let newcomer = "+15555550198"
            let sent = try await client.call(.POST, "/admin/messages", ["handle": .string(newcomer), "text": "Welcome!"])
            #expect(sent.status == 202, "\(sent.json)")
            try await tester.advance(by: .zero)
            #expect(try await tester.replies(to: newcomer) == ["Welcome!"])

            let listed = try await client.call(.GET, "/admin/lines")
            #expect(listed.status == 200, "\(listed.json)")
            let line = try #require(listed.json["lines"]?[0])
            #expect(line["line"] == .string(tester.line))
            #expect(line["status"] == "ACTIVE")
            #expect(line["people"] == 1)
            #expect(line["first_contacts_today"] == 1)
            #expect(line["ramp_up_limit"] == 20, "a line new to the bot ramps up")
            #expect(line["daily_budget"] == 7000)
            #expect(line["closed_because"] == .null)
            #expect(line["response_rate"] != nil, "absent figures are explicit nulls")

            let path = "/admin/lines/\(tester.line.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")/move"
            let unknown = try await client.call(.POST, path, ["to": "+15555550999"])
            #expect(unknown.status == 404 && unknown.error.contains("+15555550999"), "\(unknown.json)")
            let moved = try await client.call(.POST, path, ["to": .string(tester.line)])
            #expect(moved.status == 200 && moved.json["moved"] == 0, "a line moved to itself moves no one: \(moved.json)")
        }
    }

    @Test("the line pool's gauges read back from the metrics registry, equal to GET /admin/lines")
    func linePoolGauges() async throws {
        let registry = BotMetrics.prometheus()
        // A line no other test uses: the registry is the process's.
        let tester = try await BotTester(bot: AdminHarness.makeBot(), line: "+15555557301")
        try await AdminHarness.serve(tester.app) { client in
            try await tester.run {
                let sent = try await client.call(.POST, "/admin/messages", ["handle": "+15555557398", "text": "Welcome!"])
                #expect(sent.status == 202, "\(sent.json)")
                try await tester.advance(by: .zero)
                let listed = try await client.call(.GET, "/admin/lines")
                let report = try #require(listed.json["lines"]?[0], "\(listed.json)")
                var buffer: [UInt8] = []
                registry.emit(into: &buffer)
                let text = String(decoding: buffer, as: UTF8.self)
                func gauge(_ name: String) -> Double? {
                    let prefix = "\(name){line=\"\(tester.line)\"} "
                    return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
                }
                #expect(report["people"] == 1 && report["messages_today"] == 1, "\(report)")
                #expect(gauge("linqbot_line_people") == 1, "\(text)")
                #expect(gauge("linqbot_line_messages_today") == report["messages_today"]?.numberValue)
                #expect(gauge("linqbot_line_budget_left") == report["budget_left"]?.numberValue)
                #expect(report["budget_left"]?.numberValue == 6999)
                #expect(gauge("linqbot_line_flagged") == 0)
            }
        }
    }

    @Test("bad input is 4xx naming what is wrong, never 5xx; a body over 64 KiB is 413")
    func badInput() async throws {
        try await AdminHarness.run { tester, client in
            let person: JSONValue = .string(tester.person)
            let line: JSONValue = .string(tester.line)
            let unknown = try await client.call(.POST, "/admin/flows/nope/start", ["handle": person, "line": line])
            #expect((400..<500).contains(unknown.status) && unknown.error.contains("nope"), "\(unknown.json)")
            let cases: [(String, String, Data, String)] = [
                ("/admin/flows/reminder/start", "malformed JSON", Data("{\"handle\": ".utf8), "JSON"),
                ("/admin/flows/reminder/start", "not an object", Data("[1, 2]".utf8), "object"),
                ("/admin/flows/reminder/start", "empty body", Data(), "empty"),
                ("/admin/flows/reminder/start", "no target", Data("{}".utf8), "chat_id"),
                ("/admin/flows/reminder/start", "line without handle", Data(#"{"line": "+15555550100"}"#.utf8), "handle"),
                ("/admin/lines/%2B15555550100/move", "move without a target", Data("{}".utf8), "to"),
                ("/admin/flows/reminder/start", "both targets", Data(#"{"chat_id": "c", "handle": "+1", "line": "+1"}"#.utf8), "not both"),
                ("/admin/flows/reminder/start", "misspelt field", Data(#"{"chatId": "c"}"#.utf8), "chatId"),
                ("/admin/flows/reminder/start", "bad time zone", Data(#"{"handle": "+15555550123", "line": "+15555550100", "time_zone": "Mars/Olympus"}"#.utf8), "time_zone"),
                ("/admin/flows/reminder/start", "bad time", Data(#"{"chat_id": "c", "at": "tomorrow"}"#.utf8), "at is \"tomorrow\""),
                ("/admin/flows/reminder/start", "data of the wrong shape", Data(#"{"chat_id": "c", "data": {"what": 5}}"#.utf8), "data does not fit flow \"reminder\""),
                ("/admin/messages", "no text", Data(#"{"chat_id": "c"}"#.utf8), "text"),
                ("/admin/messages", "text not a string", Data(#"{"chat_id": "c", "text": 5}"#.utf8), "text"),
                ("/admin/messages", "empty text", Data(#"{"chat_id": "c", "text": ""}"#.utf8), "text"),
                ("/admin/chats/c/hand-off", "reason not a string", Data(#"{"reason": ["x"]}"#.utf8), "reason"),
                ("/admin/chats/c/hand-back", "not JSON", Data("please".utf8), "JSON"),
            ]
            for (path, name, body, field) in cases {
                let answer = try await client.call(.POST, path, raw: body)
                #expect(answer.status == 400 && answer.error.contains(field), "\(name): \(answer.status) \(answer.json)")
            }
            var big = Data(#"{"chat_id": "c", "text": ""#.utf8)
            big.append(Data(repeating: 0x61, count: 64 * 1024))
            big.append(Data(#""}"#.utf8))
            let oversize = try await client.call(.POST, "/admin/messages", raw: big)
            #expect(oversize.status == 413 && oversize.error.contains("larger"), "\(oversize.json)")
            try await tester.advance(by: .zero)
            #expect(try await tester.replies().isEmpty)
            #expect(try await tester.deadLetters().isEmpty)
        }
    }
}
