import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// Typing indicators, the daily contact card, read marks, SMS and engagement figures.
@Suite struct LineHealthConversationTests {
    @Test("typing starts once a handler has worked a while and stops before its message goes")
    func typingAroundASlowHandler() async throws {
        let tester = try await BotTester(bot: LineHealthBots.replier())
        try await tester.run {
            let quick = try await tester.send("hi")
            #expect(quick == ["You said: hi"])
            #expect(try await tester.typing().isEmpty, "a quick handler shows no typing")
            #expect(try await tester.send("slow") == ["Done thinking."])
            #expect(try await tester.typing() == [true, false])
            let log = tester.requests(involving: tester.person)
            let order = log.suffix(3).map(\.kind)
            #expect(order == [.typingStarted, .typingStopped, .message], "stopped before the message went")
        }
    }

    @Test("no typing indicator where Linq shows none (SMS)")
    func noTypingOnSMS() async throws {
        let tester = try await BotTester(bot: LineHealthBots.replier())
        try await tester.run {
            try await tester.setCapabilities(iMessage: false)
            #expect(try await tester.send("slow") == ["Done thinking."])
            #expect(try await tester.typing().isEmpty)
            #expect(tester.requests(involving: tester.person).allSatisfy { $0.kind == .message })
        }
    }

    @Test("F9: the contact card goes at most once per chat per local day over 100 messages, never within 5 minutes")
    func contactCardOncePerDay() async throws {
        var generator = SystemRandomNumberGenerator()
        let tester = try await BotTester(bot: LineHealthBots.replier { $0.typing = nil })
        try await tester.run {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(identifier: "America/New_York"))
            for _ in 0..<100 {
                try await tester.send("hello")
                try await tester.advance(by: .seconds(Int64.random(in: 60...2400, using: &generator)))
            }
            let log = tester.requests(involving: tester.person)
            let cards = log.filter { $0.kind == .contactCard }
            let days = Set(log.filter { $0.kind == .message }.map { calendar.startOfDay(for: $0.at) })
            #expect(cards.count == days.count, "one share on each of the \(days.count) local days with messages")
            #expect(Set(cards.map { calendar.startOfDay(for: $0.at) }).count == cards.count, "never two on one day")
            #expect(cards.allSatisfy { (200..<300).contains($0.status) })
            for (earlier, later) in zip(cards, cards.dropFirst()) {
                #expect(later.at.timeIntervalSince(earlier.at) >= 300, "never within 5 minutes")
            }
            for index in log.indices where log[index].kind == .contactCard {
                #expect(index > 0 && log[index - 1].kind == .message, "right after a message of ours")
            }
        }
    }

    @Test("a line without a contact card is skipped quietly, once, and the replies go on")
    func noContactCard() async throws {
        let bot = LineHealthBots.replier()
        let tester = try await BotTester(bot: bot, line: "+15555550177")
        try await tester.run {
            let first = try await tester.send("hi")
            #expect(first == ["You said: hi"])
            #expect(try await tester.send("again") == ["You said: again"])
            let cards = tester.requests(involving: tester.person).filter { $0.kind == .contactCard }
            #expect(cards.count <= 1)
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("long SMS texts split into one-segment messages when asked")
    func smsSplit() async throws {
        let bot = LineHealthBots.replier { $0.sms = SMSPolicy(maxSegments: 1, longText: .split) }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.setCapabilities(iMessage: false)
            let long = (0..<40).map { "word\($0)" }.joined(separator: " ")
            let replies = try await tester.send(long)
            #expect(replies.count > 1)
            #expect(replies.allSatisfy { SMSSegments($0).count == 1 })
            #expect(replies.joined(separator: " ") == "You said: " + long)
        }
    }

    @Test("messages are marked read after a human-like pause; engagement counts both ways")
    func markReadAndEngagement() async throws {
        let bot = LineHealthBots.replier { $0.markReadAfter = .seconds(2) }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("hi")
            try await tester.send("there")
            let kinds = tester.requests(involving: tester.person).map(\.kind)
            #expect(kinds.filter { $0 == .read }.count == 2)
            #expect(kinds.first == .read, "read before the answer")
            let figures = try await tester.app.engagement(of: tester.line)
            #expect(figures.inbound == 2)
            #expect(figures.outbound == 2)
        }
    }
}
