import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// The line pool on the virtual clock: new people spread evenly over the healthy lines and
/// keep their line; a FLAGGED line, a low response rate or a ramp-up limit closes a line to new
/// people; moving a line's people sends each one invitation from the new line.
@Suite struct LinePoolTests {
    static let lines = ["+15555550100", "+15555550101", "+15555550102"]

    static func person(_ index: Int) -> String { "+1555800" + String(format: "%04d", index) }

    static func makeBot(
        _ pool: LinePoolConfiguration = LinePoolConfiguration(rampUp: nil), minimumSample: Int = 20, changes: Collected? = nil
    ) -> Bot {
        let bot = LineHealthBots.replier {
            $0.quietHours = nil
            $0.reputation.responseRateMinimumSample = minimumSample
        }
        bot.useLinePool(pool)
        if let changes { bot.onLineStatusChange { change in changes.append("\(change.line) \(change.previous.rawValue)>\(change.status.rawValue)") } }
        return bot
    }

    static func tester(_ bot: Bot, lines: [String] = LinePoolTests.lines) async throws -> BotTester {
        try await BotTester(bot: bot, line: lines[0], otherLines: Array(lines.dropFirst()))
    }

    /// The lines that sent accepted messages to `handle`.
    static func senders(of handle: String, _ tester: BotTester) -> [String] {
        tester.acceptedSends(to: handle).compactMap(\.line)
    }

    @Test("1,000 new people spread within 5 % of a third over 3 healthy lines; later conversations keep the line")
    func evenSpreadAndStickiness() async throws {
        // Nobody answers these outreaches: the response-rate floor is left out of this test.
        let tester = try await Self.tester(Self.makeBot(minimumSample: 1_000_000))
        try await tester.run {
            for index in 0..<1000 { try await tester.app.send(.text("Spring check-ups are open. Want a slot?"), to: Self.person(index)) }
            try await tester.settle()
            let reports = try await tester.app.lines()
            #expect(reports.map(\.line) == Self.lines)
            for report in reports {
                #expect((317...350).contains(report.people), "\(report.line) has \(report.people) people")
                #expect(report.status == .active && report.closedBecause == nil)
            }
            var sentFrom: [String: Int] = [:]
            for index in 0..<1000 {
                let lines = Self.senders(of: Self.person(index), tester)
                #expect(lines.count == 1)
                if let line = lines.first { sentFrom[line, default: 0] += 1 }
            }
            #expect(sentFrom == Dictionary(uniqueKeysWithValues: reports.map { ($0.line, $0.people) }), "each person heard from their line")

            for index in 0..<30 {
                let handle = Self.person(index)
                let line = try await tester.app.line(for: handle)
                if index < 20 {
                    try await tester.app.send(.text("A slot opened on Tuesday."), to: handle)
                } else {
                    try await tester.app.startChat(to: handle, .text("A slot opened on Tuesday."))
                }
                try await tester.settle()
                #expect(Self.senders(of: handle, tester) == [line, line], "\(handle) heard twice from \(line)")
            }
            #expect(try await tester.app.lines().map(\.people).reduce(0, +) == 1000, "no one got a second line")
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("a line FLAGGED mid-way gets no new people; its people's sends hold until ACTIVE; the hook fires once per change")
    func flaggedLine() async throws {
        let changes = Collected()
        let tester = try await Self.tester(Self.makeBot(changes: changes))
        let flagged = Self.lines[1]
        try await tester.run {
            for index in 0..<30 { try await tester.app.send(.text("Hello from Acme Dental"), to: Self.person(index)) }
            try await tester.settle()
            #expect(try await tester.app.lines().map(\.people) == [10, 10, 10])

            try await tester.flagLine(true, line: flagged)
            #expect(changes.all == ["\(flagged) ACTIVE>FLAGGED"])
            for index in 30..<90 { try await tester.app.send(.text("Hello from Acme Dental"), to: Self.person(index)) }
            try await tester.settle()
            let during = try await tester.app.lines()
            #expect(during.map(\.people) == [40, 10, 40], "the FLAGGED line took no one")
            #expect(during[1].status == .flagged && during[1].closedBecause != nil)

            let people = try await tester.app.store.assignedHandles(line: flagged, after: nil, limit: 100)
            #expect(people.count == 10)
            for handle in people { try await tester.app.send(.text("Your appointment is tomorrow."), to: handle) }
            try await tester.settle()
            #expect(people.allSatisfy { Self.senders(of: $0, tester).count == 1 }, "held while FLAGGED")

            try await tester.flagLine(false, line: flagged)
            #expect(changes.all == ["\(flagged) ACTIVE>FLAGGED", "\(flagged) FLAGGED>ACTIVE"], "once per change")
            try await tester.advance(by: .seconds(301))
            #expect(people.allSatisfy { Self.senders(of: $0, tester) == [flagged, flagged] }, "sent from their line once ACTIVE")
            #expect(try await tester.deadLetters().isEmpty)
        }
    }

    @Test("a new line takes at most its ramp-up's first contacts each day, growing on schedule")
    func rampUp() async throws {
        let (established, new) = (Self.lines[0], Self.lines[1])
        let pool = LinePoolConfiguration(rampUp: LineRampUp(firstDay: 5, growth: 2, period: 7), establishedLines: [established])
        let tester = try await Self.tester(Self.makeBot(pool, minimumSample: 1_000_000), lines: [established, new])
        try await tester.run {
            var next = 0
            func reachNewPeople(_ count: Int) async throws {
                for _ in 0..<count {
                    try await tester.app.send(.text("Hello from Acme Dental"), to: Self.person(next))
                    next += 1
                }
                try await tester.settle()
            }
            var onNew = 0
            for day in 0..<8 {
                try await reachNewPeople(40)
                let reports = try await tester.app.lines()
                let report = try #require(reports.first { $0.line == new })
                let limit = day < 7 ? 5 : 10
                #expect(report.rampUpLimit == limit, "day \(day)")
                #expect(report.firstContactsToday == limit, "day \(day): the new line took exactly its limit")
                #expect(reports.first { $0.line == established }?.rampUpLimit == nil)
                onNew += limit
                #expect(report.people == onNew)
                try await tester.advance(by: .seconds(86_400))
            }
            let sentFromNew = (0..<next).filter { Self.senders(of: Self.person($0), tester) == [new] }.count
            #expect(sentFromNew == onNew)
        }
    }

    @Test("a line answered under 15 % gets no new people")
    func lowResponseRate() async throws {
        let (good, poor) = (Self.lines[0], Self.lines[1])
        let tester = try await Self.tester(Self.makeBot(minimumSample: 4), lines: [good, poor])
        try await tester.run {
            for index in 0..<10 { try await tester.app.send(.text("Spring check-ups are open."), to: Self.person(index), from: good) }
            for index in 10..<14 { try await tester.app.send(.text("Spring check-ups are open."), to: Self.person(index), from: poor) }
            try await tester.settle()
            for index in 0..<5 { _ = try await tester.send("yes please", from: Self.person(index)) }
            #expect(try await tester.app.responseRate(of: poor).rate == 0)
            #expect(try await tester.app.lines().map(\.people) == [10, 4])
            for index in 20..<30 { try await tester.app.send(.text("Spring check-ups are open."), to: Self.person(index)) }
            try await tester.settle()
            let reports = try await tester.app.lines()
            #expect(reports.map(\.people) == [20, 4], "the poorly answered line took no one, though it had fewer people")
            #expect(reports[1].closedBecause?.contains("under 15 %") == true)
            #expect((20..<30).allSatisfy { Self.senders(of: Self.person($0), tester) == [good] })
        }
    }

    @Test("moving a line's people sends each exactly one invitation from the new line, none to people who opted out")
    func moveConversations() async throws {
        let (old, new) = (Self.lines[0], Self.lines[1])
        let tester = try await Self.tester(Self.makeBot(), lines: [old, new])
        let people = (0..<6).map(Self.person)
        try await tester.run {
            for handle in people { _ = try await tester.send("hi", from: handle) }
            for handle in people.suffix(2) { _ = try await tester.send("STOP", from: handle) }
            #expect(try await tester.app.store.assignedHandles(line: old, after: nil, limit: 10) == people, "people who wrote keep the line")
            try await tester.flagLine(true, line: old)
            let before = people.map { tester.acceptedSends(to: $0).count }

            let move = try await tester.app.moveConversations(from: old, to: new)
            #expect(move == LineMove(moved: 6, invited: 4, optedOut: 2))
            try await tester.settle()
            #expect(try await tester.app.moveConversations(from: old, to: new) == LineMove(), "a second move finds no one")
            try await tester.settle()
            for (index, handle) in people.enumerated() {
                let sent = tester.acceptedSends(to: handle).dropFirst(before[index])
                if index < 4 {
                    #expect(sent.count == 1 && sent.first?.line == new, "\(handle): one invitation from the new line")
                } else {
                    #expect(sent.isEmpty, "\(handle) opted out: nothing")
                }
                #expect(try await tester.app.line(for: handle) == new)
            }
            await #expect(throws: LinePoolError.unknownLine("+15555550999")) {
                try await tester.app.moveConversations(from: old, to: "+15555550999")
            }
        }
    }
}
