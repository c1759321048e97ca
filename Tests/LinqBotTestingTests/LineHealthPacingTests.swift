import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// Suite D of the reliability plan and the pacing rules: bursts, 429 storms, staleness,
/// idempotency keys, quiet hours, the follow-up guard, a FLAGGED line.
@Suite struct LineHealthPacingTests {
    @Test("D2: 100 replies to one person keep to 20 per 60 s and never meet the simulator's 429")
    func hundredRepliesArePaced() async throws {
        let tester = try await BotTester(bot: LineHealthBots.replier())
        try await tester.run {
            try await tester.deliver("burst 100")
            try await tester.settle(within: BotTester.patience)
            #expect(try await tester.replies().count == 100)
            let sends = tester.acceptedSends()
            #expect(sends.count == 100)
            #expect(tester.requests(involving: tester.person).allSatisfy { $0.status != 429 }, "no 1007 from Linq's 30 per 60 s")
            for (index, first) in sends.enumerated() {
                let window = sends[index...].prefix { $0.at.timeIntervalSince(first.at) < 60 }.count
                #expect(window <= 20, "the minute from send \(index) holds \(window)")
            }
        }
    }

    @Test("D1, D7: a 60 s 429 storm over 50 people: every reply once, never before Retry-After, same key on every try")
    func rateLimitStorm() async throws {
        let people = (0..<50).map { String(format: "+1555555%04d", 2000 + $0) }
        let tester = try await BotTester(bot: LineHealthBots.replier({ $0.typing = nil }, concurrency: 64))
        try await tester.run {
            try await tester.rateLimitEverySend(for: .seconds(60), retryAfter: 7)
            let stormEnd = tester.date.addingTimeInterval(60)
            for person in people { try await tester.deliver("burst 10", from: person) }
            try await tester.settle(within: BotTester.patience)
            for person in people {
                let requests = tester.requests(involving: person).filter { $0.kind == .message }
                let accepted = requests.filter { (200..<300).contains($0.status) }
                #expect(try await tester.replies(to: person) == (1...10).map { "Part \($0)" }, "every reply once, in order")
                #expect(Set(accepted.compactMap(\.idempotencyKey)).count == 10)
                for key in Set(requests.compactMap(\.idempotencyKey)) {
                    #expect(requests.filter { $0.idempotencyKey == key }.filter { (200..<300).contains($0.status) }.count == 1, "one success per key")
                    #expect(key.count <= 255)
                }
                #expect(requests.allSatisfy { $0.idempotencyKey != nil }, "every send carries a key")
                for (earlier, later) in zip(requests, requests.dropFirst()) where earlier.status == 429 {
                    #expect(later.at.timeIntervalSince(earlier.at) >= 7 - 0.05, "\(person) waited Retry-After")
                }
                let limited = requests.filter { $0.status == 429 }
                #expect(!limited.isEmpty)
                if let firstSuccess = accepted.first {
                    #expect(firstSuccess.at.timeIntervalSince(stormEnd) <= 7 + 1, "sending resumed within Retry-After + 1 s")
                }
            }
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("D6: replies to messages that waited more than 15 minutes are dead-lettered, never sent")
    func staleRepliesAreNotSent() async throws {
        let bot = LineHealthBots.replier { $0.typing = nil }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.deliver("block")
            for index in 1...3 { try await tester.deliver("question \(index)") }
            try await tester.settle()
            #expect(try await tester.replies().isEmpty, "0 stale sends")
            let dead = try await tester.deadLetters()
            #expect(dead.count == 3)
            #expect(dead.allSatisfy { $0.error.contains("stale") })
            #expect(try await tester.send("fresh") == ["You said: fresh"])
        }
    }

    @Test("D5: a send Linq refuses for good is tried once and the event dead-lettered")
    func nonRetryableRefusals() async throws {
        let bot = LineHealthBots.replier()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.app.send(.text("hello"), to: ChatID("00000000-0000-0000-0000-000000000000"))
            try await tester.settle()
            let attempts = tester.requests().filter { $0.chatID == "00000000-0000-0000-0000-000000000000" && $0.kind == .message }
            #expect(attempts.map(\.status) == [404])
            #expect(try await tester.deadLetters().count == 1)
        }
    }

    @Test("quiet hours hold a proactive send until 8:00 in the person's zone; replies are not held")
    func quietHours() async throws {
        let bot = LineHealthBots.replier()
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            #expect(try await tester.send("zone Asia/Tokyo") == ["Noted: Asia/Tokyo."])
            let chat = try #require(try await tester.chatID())
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(identifier: "Asia/Tokyo"))
            let lateEvening = try #require(calendar.nextDate(after: tester.date, matching: DateComponents(hour: 23), matchingPolicy: .nextTime))
            try await tester.advance(by: .milliseconds(Int64(lateEvening.timeIntervalSince(tester.date) * 1000)))
            try await tester.app.send(.text("Your reminder"), to: chat)
            try await tester.settle()
            #expect(try await tester.replies().last == "Noted: Asia/Tokyo.", "held at 23:00 local")
            try await tester.advance(by: .seconds(9 * 3600 + 60))
            #expect(try await tester.replies().last == "Your reminder")
            let sent = try #require(tester.acceptedSends().last)
            #expect(calendar.component(.hour, from: sent.at) == 8, "sent at 8:00 in Tokyo")
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("the follow-up guard stops proactive sends after two unanswered messages; an answer resets it")
    func followUpGuard() async throws {
        let bot = LineHealthBots.replier { $0.quietHours = nil }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("hi")
            let chat = try #require(try await tester.chatID())
            for index in 1...3 {
                try await tester.app.send(.text("Follow-up \(index)"), to: chat)
                try await tester.settle()
            }
            #expect(try await tester.replies() == ["You said: hi", "Follow-up 1"], "the reply and one follow-up; then silence")
            try await tester.send("sorry, busy")
            try await tester.app.send(.text("Follow-up 4"), to: chat)
            try await tester.settle()
            #expect(try await tester.replies().last == "Follow-up 4")
        }
    }

    @Test("a FLAGGED line holds proactive sends until it is ACTIVE again; replies still go")
    func flaggedLine() async throws {
        let bot = LineHealthBots.replier { $0.quietHours = nil }
        let tester = try await BotTester(bot: bot)
        try await tester.run {
            try await tester.send("hi")
            let chat = try #require(try await tester.chatID())
            try await tester.flagLine(true)
            try await tester.app.send(.text("News"), to: chat)
            try await tester.settle()
            try await tester.advance(by: .seconds(900))
            #expect(!(try await tester.replies().contains("News")))
            try await tester.flagLine(false)
            try await tester.advance(by: .seconds(301))
            #expect(try await tester.replies().last == "News")
        }
    }
}
