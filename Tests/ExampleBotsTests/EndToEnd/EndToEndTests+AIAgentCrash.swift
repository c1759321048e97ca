import Foundation
import Testing

extension EndToEndTests {
    @Test("AIAgent: killed right after Linq took an answer's first bubble, the restarted bot replays that answer's journal and never sends a new answer")
    func aiAgentCrashMidAnswer() async throws {
        // A streams bubble by bubble: each is journaled just before it is sent, so when the
        // process dies right after Linq took the first (before the send is recorded), the
        // journal holds that bubble alone; the rest of A is still in the model's stream.
        let answerA = ["We have a table for two at 7 pm tonight.", "Bring your own wine: there is no corkage fee.", "See you at the door!"]
        let answerB = ["Sorry, we are fully booked tonight.", "Could you come tomorrow instead?"]
        let model = FakeModelServer([
            .stream([answerA[0] + "\n\n", answerA[1] + "\n\n", answerA[2]]),
            .stream([answerB[0] + "\n\n" + answerB[1]]),
        ])
        try await SimulatorProcess().whileRunning { simulator in
            let token = "e2e-admin-token-0123456789abcdef"
            try await model.run { url in
                let environment = [
                    "LINQBOT_AI_BASE_URL": url.absoluteString, "LINQBOT_AI_MODEL": "test-model", "LINQBOT_AI_BURST_WINDOW_SECONDS": "1",
                    "LINQBOT_ADMIN_TOKEN": token,
                ]
                // The AI agent sends nothing before its answer, so the first message Linq accepts
                // is the answer's first bubble (typing indicators are no messages).
                let crashing = try await BotProcess(
                    executable: "AIAgent", environment: environment.merging(["LINQBOT_CRASH_POINT": "after-send:1"]) { $1 }, simulator: simulator
                )
                try await crashing.send("A table for two tonight?", from: Self.person)
                let end = await crashing.waitForExit(seconds: 300)
                guard end.exited else {
                    let output = crashing.output
                    await crashing.stop()
                    Issue.record("the bot was not killed at after-send within 300 s; bot output:\n\(output)")
                    return
                }
                #expect(end.signal == SIGKILL, "the crash point killed the bot; bot output:\n\(crashing.output)")
                let beforeRestart = try await crashing.replies(to: Self.person)
                try #require(beforeRestart == [answerA[0]], "Linq had the first bubble when the bot died; bot output:\n\(crashing.output)")
                #expect(model.requests.count == 1)

                try await BotProcess(executable: "AIAgent", environment: environment, simulator: simulator, after: crashing).whileRunning { bot in
                    let history = try await Self.waitForAssistantTurn(bot, token: token)
                    try #require(history != nil, "the restarted bot did not complete the turn; bot output:\n\(bot.output)")

                    let replies = try await bot.replies(to: Self.person)
                    // The rerun sends the journaled bubble again under the same idempotency key, which
                    // Linq recognises, and does not ask the model again: the person has A's first bubble
                    // once and nothing of B. A's later bubbles died with the stream that was writing
                    // them: the answer ends short, never continued by another answer.
                    #expect(bot.output.contains("the answer journaled before a crash is sent again"), "the rerun replayed the journal; bot output:\n\(bot.output)")
                    #expect(replies == [answerA[0]], "bot output:\n\(bot.output)\nsimulator output:\n\(simulator.output)")
                    #expect(Set(replies).isDisjoint(with: answerB), "no bubble of a second answer")
                    #expect(model.requests.count == 1, "the model was asked \(model.requests.count) times; bot output:\n\(bot.output)")
                    #expect(history == answerA[0], "the history keeps the answer as the person saw it")
                }
            }
        }
    }

    /// Polls the admin API (bounded: 3,000 polls, 300 s) until the chat's AI history has an
    /// assistant turn, which the event's completion commits; returns that turn's text.
    static func waitForAssistantTurn(_ bot: BotProcess, token: String) async throws -> String? {
        let auth = [("Authorization", "Bearer \(token)")]
        let deadline = ContinuousClock.now.advanced(by: .seconds(300))
        for _ in 0..<3_000 where ContinuousClock.now < deadline {
            let list = try await bot.request("GET", "/admin/chats", port: bot.port, headers: auth)
            let chats = (try? JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [String: Any])?["chats"] as? [[String: Any]] ?? []
            for id in chats.compactMap({ $0["chat_id"] as? String }) {
                let view = try await bot.request("GET", "/admin/chats/\(id)", port: bot.port, headers: auth)
                let json = try? JSONSerialization.jsonObject(with: Data(view.text.utf8)) as? [String: Any]
                let history = (json?["session"] as? [String: Any])?["ai.history"] as? [String: Any]
                let turns = history?["turns"] as? [[String: Any]] ?? []
                if let answer = turns.last(where: { $0["role"] as? String == "assistant" })?["content"] as? String { return answer }
            }
            try await Task.sleep(for: .milliseconds(100))  // polling a subprocess
        }
        return nil
    }
}
