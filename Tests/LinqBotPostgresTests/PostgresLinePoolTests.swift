import Foundation
import LinqBot
import LinqBotTesting
import Testing

/// The line pool on two instances sharing one PostgreSQL schema: asked at the same moment for
/// the same new person, both instances answer one line, and people still spread evenly.
@Suite(.enabled(if: PostgresTestDatabase.enabled, PostgresTestDatabase.disabledReason))
struct PostgresLinePoolTests {
    static let lines = ["+15555550100", "+15555550101", "+15555550102"]

    @Test("two instances choosing at once agree on each person's line; 300 people spread over 3 lines")
    func instancesAgree() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            let stores = [try await scratch.store(schema: schema), try await scratch.store(schema: schema, migrated: false)]
            let tester = try await BotTester(instancesOn: stores, line: Self.lines[0], otherLines: Array(Self.lines.dropFirst())) {
                let bot = Bot(configuration: .init(botID: "pool-bot"))
                bot.useLinePool(LinePoolConfiguration(lines: Self.lines, rampUp: nil))
                return bot
            }
            try await tester.run {
                let (first, second) = (tester.apps[0], tester.apps[1])
                for index in 0..<300 {
                    let person = String(format: "+1555557%04d", index)
                    async let one = first.line(for: person)
                    async let two = second.line(for: person)
                    let (a, b) = try await (one, two)
                    #expect(a == b, "\(person): \(a) and \(b)")
                }
                let reports = try await first.lines()
                #expect(reports.map(\.people).reduce(0, +) == 300)
                for report in reports { #expect((85...115).contains(report.people), "\(report.line): \(report.people)") }
                #expect(try await second.lines().map(\.people) == reports.map(\.people), "both instances read the store")
            }
        }
    }
}
