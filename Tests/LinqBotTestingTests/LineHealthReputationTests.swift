import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// Linq's reputation signals in conversation: tapbacks as answers, and the chat's `health_status`.
@Suite struct LineHealthReputationTests {
    /// The id of the last message (not a contact card) our line sent to the default person.
    static func lastMessageID(_ tester: BotTester) async throws -> MessageID {
        let sent = try await tester.sentMessages().filter { $0["kind"]?.stringValue != "contact_card" }
        return MessageID(try #require(sent.last?["id"]?.stringValue))
    }

    @Test("a tapback from the person counts as an answer: the follow-up guard starts over and engagement counts it")
    func tapbackResetsFollowUpGuard() async throws {
        let bot = LineHealthBots.replier { $0.quietHours = nil }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("hi")
            let chat = try #require(try await tester.chatID())
            for index in 1...2 {
                try await tester.app.send(.text("Follow-up \(index)"), to: chat)
                try await tester.settle()
            }
            #expect(try await tester.replies() == ["You said: hi", "Follow-up 1"], "two unanswered: the guard stopped the second")
            #expect(try await tester.react(.love, to: try await Self.lastMessageID(tester)).isEmpty, "a tapback gets no answer")
            try await tester.app.send(.text("Follow-up 3"), to: chat)
            try await tester.settle()
            #expect(try await tester.replies().last == "Follow-up 3", "the tapback answered the follow-up")
            #expect(try await tester.app.engagement(of: tester.line).inbound == 2, "one message and one tapback")
        }
    }

    @Test("a chat Linq reports OPTED_OUT opts the person out: nothing more is sent to them")
    func optedOutStatus() async throws {
        let bot = LineHealthBots.replier { $0.quietHours = nil }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("hi")
            let chat = try #require(try await tester.chatID())
            // The simulator only reports the status: it would still accept sends.
            try await tester.setChatHealth(.optedOut)
            #expect(try await tester.send("what time do you open?").isEmpty, "the reply is not sent")
            #expect(try await tester.app.isOptedOut(tester.person), "recorded in the opt-out ledger")
            try await tester.app.send(.text("Our summer offer"), to: chat)
            try await tester.app.send(.text("Hello again"), to: tester.person, from: tester.line)
            try await tester.settle()
            let messages = tester.requests(involving: tester.person).filter { $0.kind == .message }
            #expect(messages.count == 1, "only the first reply ever reached Linq")
            #expect(try await tester.replies() == ["You said: hi"])
        }
    }

    @Test("a CRITICAL chat holds proactive sends until Linq reports it HEALTHY again; replies still go")
    func criticalChat() async throws {
        let bot = LineHealthBots.replier {
            $0.quietHours = nil
            $0.reputation.criticalRecheck = .seconds(600)
        }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("hi")
            let chat = try #require(try await tester.chatID())
            try await tester.setChatHealth(.critical)
            #expect(try await tester.send("are you there?") == ["You said: are you there?"], "a reply still goes")
            try await tester.app.send(.text("News"), to: chat)
            try await tester.settle()
            try await tester.advance(by: .seconds(1800))
            #expect(!(try await tester.replies().contains("News")), "held while the chat is CRITICAL")
            try await tester.setChatHealth(.healthy)
            try await tester.advance(by: .seconds(601))
            #expect(try await tester.replies().last == "News", "sent once a recheck read HEALTHY")
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("an AT_RISK chat allows one unanswered proactive message, then refuses")
    func atRiskChat() async throws {
        let bot = LineHealthBots.replier { $0.quietHours = nil }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("hi")
            let chat = try #require(try await tester.chatID())
            try await tester.setChatHealth(.atRisk)
            try await tester.send("thanks")
            try await tester.react(.like, to: try await Self.lastMessageID(tester))
            for index in 1...2 {
                try await tester.app.send(.text("Follow-up \(index)"), to: chat)
                try await tester.settle()
            }
            #expect(try await tester.replies().suffix(2) == ["You said: thanks", "Follow-up 1"], "one unanswered message, then no more")
            #expect(try await tester.deadLetters().isEmpty, "refused, not failed")
        }
    }
}
