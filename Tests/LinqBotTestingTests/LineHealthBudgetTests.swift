import Foundation
@testable import LinqBot
import LinqBotTesting
import LinqModels
import Logging
import Testing

/// The line's daily budget: every message in and out counts; near the end a warning, at the
/// end proactive sends wait for the next UTC day while replies go on; the count, and the
/// engagement figures, outlive a restart.
@Suite struct LineHealthBudgetTests {
    static let stranger = "+15555550177"

    static func makeBot() -> Bot {
        LineHealthBots.replier {
            $0.quietHours = nil
            $0.dailyLineBudget = 4
        }
    }

    @Test("a spent budget holds proactive sends until the next UTC day, replies go on, the count survives a restart")
    func spentBudgetHoldsProactiveSends() async throws {
        let warnings = Collected()
        let tester = try await BotTester(bot: Self.makeBot(), logger: Logger(label: "budget") { _ in WarningCollector(box: warnings) })
        try await tester.run {
            #expect(try await tester.send("hello") == ["You said: hello"])
            #expect(!warnings.all.contains { $0.contains("messages today") || $0.contains("daily budget") })
            #expect(try await tester.send("again") == ["You said: again"], "a reply goes out whatever the budget")
            #expect(warnings.all.contains { $0.contains("used 3 of its 4 messages today") })
            #expect(warnings.all.contains { $0.contains("spent its daily budget") })

            try await tester.app.send(.text("Spring check-ups are open."), to: Self.stranger, from: tester.line)
            try await tester.settle()
            #expect(tester.requests(involving: Self.stranger).isEmpty, "the proactive first message waits")

            try await tester.restart(with: Self.makeBot())
            let key = LineDayCounts(prefix: "linqbot.line_day").key(tester.line, tester.date)
            #expect(try await tester.store.counter(key, now: tester.date) == 4, "the day's count reached the store")
            let engagement = try await tester.app.engagement(of: tester.line)
            #expect(engagement.inbound == 2 && engagement.outbound == 2, "the engagement figures outlive the restart too: \(engagement)")
            try await tester.app.send(.text("Spring check-ups are open."), to: Self.stranger, from: tester.line)
            try await tester.settle()
            #expect(tester.requests(involving: Self.stranger).isEmpty, "still held after the restart")

            let midnight = LineHealthEngine.nextUTCDay(after: tester.date)
            try await tester.advance(by: .seconds(Int64(midnight.timeIntervalSince(tester.date)) + 1))
            #expect(tester.acceptedSends(to: Self.stranger).count == 2, "both waiting sends went once the new day began, once each")
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("day labels match the Gregorian calendar (1587 to 4160), in UTC and in a zone")
    func dayLabels() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for days in stride(from: -140_000, through: 800_000, by: 997) + [0, -1, 59, 60, 11_016, 20_513] {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400 + 43_200)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let expected = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            #expect(LineHealthEngine.utcDay(date) == expected, "day \(days)")
        }
        let denver = try #require(TimeZone(identifier: "America/Denver"))
        let lateEvening = try #require(ISO8601DateFormatter().date(from: "2026-03-11T05:30:00Z"))
        #expect(LineHealthEngine.day(lateEvening, in: denver) == "2026-03-10")
        #expect(LineHealthEngine.utcDay(lateEvening) == "2026-03-11")
    }
}
