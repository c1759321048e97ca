import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Logging
import Testing

/// Each line's 7-day response rate: counted in the store, warned about, and holding new chats when low.
@Suite struct LineHealthResponseRateTests {
    static let people = (1...6).map { "+1555555014\($0)" }

    /// The replier, judging the rate after 4 outreaches instead of 20.
    static func makeBot() -> Bot {
        LineHealthBots.replier {
            $0.quietHours = nil
            $0.reputation.responseRateMinimumSample = 4
        }
    }

    static func reachOut(to person: String, _ tester: BotTester) async throws {
        try await tester.app.send(.text("Spring check-ups are open. Want a slot?"), to: person, from: tester.line)
        try await tester.settle()
    }

    @Test("unanswered outreaches: a warning, new chats held under 15 %; the figures and the hold survive a restart")
    func lowRateHoldsNewChats() async throws {
        let warnings = Collected()
        let bot = Self.makeBot()
        let tester = try await BotTester(bot: bot, logger: Logger(label: "response-rate") { _ in WarningCollector(box: warnings) })
        try await tester.run {
            for person in Self.people.prefix(4) { try await Self.reachOut(to: person, tester) }
            #expect(Self.people.prefix(4).allSatisfy { tester.acceptedSends(to: $0).count == 1 }, "below the minimum sample nothing waits")
            let figure = try await tester.app.responseRate(of: tester.line)
            #expect(figure == ResponseRate(line: tester.line, outreaches: 4, answered: 0))
            #expect(figure.rate == 0)
            #expect(warnings.all.filter { $0.contains("few people answer this line's outreaches") }.count == 1, "warned once")

            try await Self.reachOut(to: Self.people[4], tester)
            #expect(tester.requests(involving: Self.people[4]).isEmpty, "the new chat waits")

            let rebuilt = Self.makeBot()
            try await tester.restart(with: rebuilt)
            #expect(try await tester.app.responseRate(of: tester.line) == figure, "the figures come from the store")
            try await Self.reachOut(to: Self.people[5], tester)
            #expect(tester.requests(involving: Self.people[5]).isEmpty, "still held after the restart")

            #expect(try await tester.send("yes please", from: Self.people[0]) == ["You said: yes please"])
            let answered = try #require(try await tester.sentMessages(to: Self.people[1]).first?["id"]?.stringValue)
            try await tester.react(.like, to: MessageID(answered), from: Self.people[1])
            #expect(try await tester.app.responseRate(of: tester.line).answered == 2, "a message and a tapback answer")
            try await tester.advance(by: .seconds(3601))
            #expect(tester.acceptedSends(to: Self.people[4]).count == 1, "sent at the next look, the rate being 50 %")
            #expect(tester.acceptedSends(to: Self.people[5]).count == 1)
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("a line whose outreaches get answers keeps opening new chats, with no warning")
    func healthyRateSends() async throws {
        let warnings = Collected()
        let bot = Self.makeBot()
        let tester = try await BotTester(bot: bot, logger: Logger(label: "response-rate") { _ in WarningCollector(box: warnings) })
        try await tester.run {
            for (index, person) in Self.people.prefix(4).enumerated() {
                try await Self.reachOut(to: person, tester)
                if index < 2 { try await tester.send("sounds good", from: person) }
            }
            #expect(try await tester.app.responseRate(of: tester.line).rate == 0.5)
            try await Self.reachOut(to: Self.people[4], tester)
            #expect(tester.acceptedSends(to: Self.people[4]).count == 1, "above the 15 % floor")
            // A message in an answered chat begins a new outreach; another in an open one does not.
            try await tester.app.send(.text("See you Tuesday"), to: Self.people[0], from: tester.line)
            try await tester.app.send(.text("Still interested?"), to: Self.people[2], from: tester.line)
            try await tester.settle()
            #expect(try await tester.app.responseRate(of: tester.line) == ResponseRate(line: tester.line, outreaches: 6, answered: 2))
            #expect(!warnings.all.contains { $0.contains("few people answer") }, "a third answered: no warning")
        }
    }
}
