import Foundation
import Testing

/// Each bot's built executable in local mode, driven over loopback through its simulator's
/// control API like a person on the chat page, with its model or business system faked on
/// 127.0.0.1; a bot that is killed and started again runs in remote mode against a
/// `linqbot simulator` process, which outlives it. Polling is bounded in count and time.
@Suite(.serialized) struct EndToEndTests {
    static let person = "+15555550123"

    @Test("EchoBot, unchanged: line health is on by default; STOP gets one confirmation and nothing more until START")
    func echoBotStop() async throws {
        try await BotProcess(executable: "EchoBot", environment: [:]).whileRunning { bot in
            try await bot.send("hi", from: Self.person)
            #expect(try await bot.waitForReplies(to: Self.person, count: 1) == ["You said: hi"], "bot output:\n\(bot.output)")
            try await bot.send("STOP", from: Self.person)
            let stopped = try await bot.waitForReplies(to: Self.person, count: 2)
            #expect(stopped.count == 2 && stopped[1].contains("no further messages"), "\(stopped); bot output:\n\(bot.output)")
            // Per-chat order: the START's confirmation comes after the bot handled "still there?".
            try await bot.send("still there?", from: Self.person)
            try await bot.send("START", from: Self.person)
            let after = try await bot.waitForReplies(to: Self.person, count: 3)
            #expect(after.count == 3 && !after.contains("You said: still there?"), "\(after)")
            #expect(after.last?.contains("STOP") == true || after.last?.lowercased().contains("subscribed") == true, "\(after)")
        }
    }

    @Test("AIAgent: a text reaches the model and its streamed answer comes back as bubbles")
    func aiAgent() async throws {
        let model = FakeModelServer([.stream(["Hi! We bake every morning at 6.", "\n\nWhat can I get you?"])])
        try await model.run { url in
            try await BotProcess(executable: "AIAgent", environment: [
                "LINQBOT_AI_BASE_URL": url.absoluteString, "LINQBOT_AI_MODEL": "test-model", "LINQBOT_AI_BURST_WINDOW_SECONDS": "1",
            ]).whileRunning { bot in
                try await bot.send("hello", from: Self.person)
                let replies = try await bot.waitForReplies(to: Self.person, count: 2)
                #expect(replies == ["Hi! We bake every morning at 6.", "What can I get you?"], "bot output:\n\(bot.output)")
                #expect(model.requests.first?.messages.last?.content == "hello")
            }
        }
    }

    @Test("AIAgent: the model calls the bot's opening_hours tool, gets its result in the next request, and answers in bubbles")
    func aiAgentTool() async throws {
        let hours = "Monday to Friday 9 am to 6 pm; closed on weekends"
        let model = FakeModelServer([
            .callTool(id: "call_hours", name: "opening_hours", arguments: #"{"day":"saturday"}"#),
            .stream(["We're closed on Saturdays.", "\n\nDuring the week we're open 9 am to 6 pm."]),
        ])
        try await model.run { url in
            try await BotProcess(executable: "AIAgent", environment: [
                "LINQBOT_AI_BASE_URL": url.absoluteString, "LINQBOT_AI_MODEL": "test-model", "LINQBOT_AI_BURST_WINDOW_SECONDS": "1",
                "LINQBOT_AI_OPENING_HOURS": hours,
            ]).whileRunning { bot in
                try await bot.send("Are you open on Saturday?", from: Self.person)
                let replies = try await bot.waitForReplies(to: Self.person, count: 2)
                #expect(replies == ["We're closed on Saturdays.", "During the week we're open 9 am to 6 pm."], "bot output:\n\(bot.output)")
                let requests = model.requests
                try #require(requests.count == 2, "the model was asked \(requests.count) times; bot output:\n\(bot.output)")
                let offered = (requests[0].value["tools"] as? [[String: Any]])?.compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
                #expect(offered == ["opening_hours"])
                let messages = try #require(requests[1].value["messages"] as? [[String: Any]])
                #expect(messages.map { $0["role"] as? String } == ["system", "user", "assistant", "tool"])
                let call = (messages[2]["tool_calls"] as? [[String: Any]])?.first
                #expect(call?["id"] as? String == "call_hours")
                #expect((call?["function"] as? [String: Any])?["arguments"] as? String == #"{"day":"saturday"}"#)
                #expect(messages[3]["tool_call_id"] as? String == "call_hours")
                #expect(messages[3]["content"] as? String == hours)
            }
        }
    }

    @Test("LeadQualifier: four answers, a summary posted to the hand-off URL, and the qualified message")
    func leadQualifier() async throws {
        let receiver = FakeReceiver()
        try await receiver.run { url in
            try await BotProcess(executable: "LeadQualifier", environment: ["LINQBOT_LEAD_HANDOFF_URL": url.absoluteString]).whileRunning { bot in
                var count = 0
                for answer in ["Hi there", "Ada", "buy", "500k", "1"] {
                    try await bot.send(answer, from: Self.person)
                    count += 1
                    let replies = try await bot.waitForReplies(to: Self.person, count: count)
                    try #require(replies.count == count, "no answer to \"\(answer)\"; bot output:\n\(bot.output)")
                }
                #expect(try await bot.replies(to: Self.person).last == "Thanks Ada! You're a great fit. One of our agents will text you here shortly.")
                #expect(receiver.posts.count == 1)
                #expect(receiver.posts.first?["name"] as? String == "Ada")
                #expect(receiver.posts.first?["qualified"] as? Bool == true)
            }
        }
    }

    @Test("AppointmentReminder: a demo appointment from the file and one from the admin API; a confirmation shows in the chat view")
    func appointmentReminder() async throws {
        let token = "e2e-admin-token-0123456789abcdef"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("appointments-\(UUID().uuidString).json")
        try #"[{"id": "demo-1", "handle": "+15555550123", "in_minutes": 1560, "time_zone": "America/New_York", "description": "your haircut"}]"#
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        try await BotProcess(executable: "AppointmentReminder", environment: [
            "LINQBOT_ADMIN_TOKEN": token, "LINQBOT_APPOINTMENTS_FILE": file.path,
        ]).whileRunning { bot in
            let demo = try await bot.waitForReplies(to: Self.person, count: 1)
            #expect(demo.first?.hasPrefix("Hi! You're booked for your haircut on ") == true, "bot output:\n\(bot.output)")

            let other = "+15555550124"
            let time = Date().addingTimeInterval(2 * 86_400).formatted(.iso8601)
            let start = try JSONSerialization.data(withJSONObject: [
                "handle": other, "line": bot.line, "time_zone": "Europe/London", "key": "appt-e2e",
                "data": ["id": "appt-e2e", "time": time, "description": "your car service"],
            ])
            let auth = [("Authorization", "Bearer \(token)")]
            let started = try await bot.request("POST", "/admin/flows/appointment/start", body: start, port: bot.port, headers: auth)
            #expect(started.status == 202, "\(started.text)")
            let booked = try await bot.waitForReplies(to: other, count: 1)
            #expect(booked.first?.hasPrefix("Hi! You're booked for your car service on ") == true)

            // The flow moves from the handle's queue into the new chat right after the first message;
            // answer once the chat view shows it there, as a person could not answer faster anyway.
            var inFlow = 0
            for _ in 0..<200 where inFlow < 2 {
                let list = try await bot.request("GET", "/admin/chats", port: bot.port, headers: auth)
                let chats = (try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [String: Any])?["chats"] as? [[String: Any]] ?? []
                inFlow = chats.filter { $0["flow"] as? String == "appointment" }.count
                if inFlow < 2 { try await Task.sleep(for: .milliseconds(50)) }  // polling a subprocess
            }
            #expect(inFlow == 2, "both appointments are in their chats' flows")
            try await bot.send("C", from: other)
            let confirmed = try await bot.waitForReplies(to: other, count: 2)
            #expect(confirmed.last?.hasPrefix("Thanks, you're confirmed for ") == true, "replies: \(confirmed); bot output:\n\(bot.output)")

            var outcomes: [String] = []
            for _ in 0..<200 where outcomes.isEmpty {
                let list = try await bot.request("GET", "/admin/chats", port: bot.port, headers: auth)
                let chats = (try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [String: Any])?["chats"] as? [[String: Any]] ?? []
                for chat in chats {
                    guard let id = chat["chat_id"] as? String else { continue }
                    let view = try await bot.request("GET", "/admin/chats/\(id)", port: bot.port, headers: auth)
                    let json = try JSONSerialization.jsonObject(with: Data(view.text.utf8)) as? [String: Any]
                    let session = json?["session"] as? [String: Any]
                    outcomes += (session?["appointment.outcomes"] as? [[String: Any]] ?? []).compactMap { $0["outcome"] as? String }
                }
                if outcomes.isEmpty { try await Task.sleep(for: .milliseconds(50)) }  // polling a subprocess
            }
            #expect(outcomes == ["confirmed"])
        }
    }
}
