import AsyncHTTPClient
import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import NIOCore
import NIOHTTP1
import Testing

/// The web console's page and the routes it reads, over real HTTP.
@Suite struct AdminConsoleTests {
    @Test("/admin/ serves the console page without the token, locked down by its headers; the page holds no data")
    func page() async throws {
        try await AdminHarness.run { tester, client in
            _ = try await AdminHarness.startReminder(tester, client)
            for path in ["/admin", "/admin/"] {
                let response = try await client.http.execute(HTTPClientRequest(url: client.base + path), timeout: .seconds(10))
                let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
                #expect(response.status.code == 200, "\(path)")
                #expect(response.headers["content-type"] == ["text/html; charset=utf-8"])
                let policy = response.headers["content-security-policy"].first ?? ""
                #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'sha256-") && policy.contains("connect-src 'self'"))
                #expect(response.headers["x-frame-options"] == ["DENY"] && response.headers["cache-control"] == ["no-store"])
                #expect(response.headers["set-cookie"].isEmpty)
                #expect(body.contains("LinqBot console") && body.contains("sessionStorage") && !body.contains("/*console.css*/"))
                #expect(!body.contains(tester.person) && !body.contains(AdminHarness.token), "the page itself holds no data")
            }
        }
    }

    @Test("the backlog, the last hour's activity, opt-outs and a chat's messages answer JSON for the console, behind the token")
    func consoleRoutes() async throws {
        try await AdminHarness.run { tester, client in
            let chat = try await AdminHarness.startReminder(tester, client)
            let backlog = try await client.call(.GET, "/admin/backlog")
            #expect(backlog.status == 200 && backlog.json["pending"] == 0 && backlog.json["chats"] == [], "\(backlog.json)")

            let messages = try await client.call(.GET, "/admin/chats/\(chat.rawValue)/messages?limit=10")
            guard case .array(let list) = messages.json["messages"] else { Issue.record("\(messages.json)"); return }
            #expect(list.first?["parts"]?[0]?["value"] == "Reminder: your appointment. Reply YES to confirm.")
            #expect(try await client.call(.GET, "/admin/chats/6b0e3f2a-0000-4000-8000-000000000000/messages").status == 404)

            #expect(try await client.call(.GET, "/admin/opt-outs").json["opt_outs"] == [])
            try await tester.send("STOP")
            let optOuts = try await client.call(.GET, "/admin/opt-outs")
            guard case .array(let entries) = optOuts.json["opt_outs"] else { Issue.record("\(optOuts.json)"); return }
            #expect(entries.map { $0["handle"] } == [.string(tester.person)])
            #expect(entries.first?["opted_out_at"]?.stringValue.flatMap(LinqTimestamp.parse) != nil)
            #expect(try await client.call(.GET, "/admin/opt-outs?after=\(tester.person.replacingOccurrences(of: "+", with: "%2B"))").json["opt_outs"] == [])

            // The last hour, minute by minute: the handlers that ran this minute and the backlog polled.
            try await tester.advance(by: .seconds(5))
            let activity = try await client.call(.GET, "/admin/activity")
            guard case .array(let minutes) = activity.json["minutes"], let now = minutes.last else { Issue.record("\(activity.json)"); return }
            #expect(minutes.count == 60)
            let handled = minutes.compactMap { $0["handled"]?.numberValue }.reduce(0, +)
            #expect(handled >= 2, "the reminder's start and the STOP ran: \(minutes.suffix(2))")
            #expect(minutes.suffix(2).contains { $0["mean_handler_ms"]?.numberValue != nil }, "\(minutes.suffix(2))")
            #expect(now["backlog"] == 0, "the scheduler polled an empty inbox: \(now)")
            #expect(minutes.dropLast(2).allSatisfy { $0["handled"] == 0 && $0["mean_handler_ms"] == .null }, "nothing ran before the test")
            let starts = minutes.compactMap { $0["start"]?.stringValue.flatMap(LinqTimestamp.parse) }
            #expect(starts.count == 60 && zip(starts, starts.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 60 })
            for path in ["/admin/backlog", "/admin/activity", "/admin/opt-outs", "/admin/chats/\(chat.rawValue)/messages"] {
                #expect(try await client.call(.GET, path, authorization: nil).status == 401, "\(path)")
            }
            #expect(try await client.call(.GET, "/admin/backlog?limit=0").status == 400)
        }
    }
}
