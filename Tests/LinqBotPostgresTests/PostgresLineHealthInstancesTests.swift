import Foundation
import LinqBot
import LinqBotPostgres
import LinqBotTesting
import LinqModels
import LinqSimulator
import Synchronization
import Testing

/// Suites D and F of the reliability plan with two instances of a bot on one PostgreSQL schema:
/// two `BotApplication`s (instances `instance-0` and `instance-1`), each with its own connection
/// pool, behind one simulator whose webhooks take turns over them, on one virtual clock.
///
/// The trial counts come from `LINQBOT_F3_TRIALS` and `LINQBOT_F9_TRIALS` (small by default;
/// `Tests/Chaos/compliance_trials.sh` runs 1,000 of each and prints the figures).
@Suite(.enabled(if: PostgresTestDatabase.enabled, PostgresTestDatabase.disabledReason))
struct PostgresLineHealthInstancesTests {
    static let name = "Acme Dental"
    static let zone = TimeZone(identifier: "America/New_York")!

    /// Trials of a randomised test: the environment variable's value, or `fallback`.
    static func trials(_ variable: String, default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[variable].flatMap(Int.init).map { max($0, 1) } ?? fallback
    }

    /// Sends as the people ask: "burst …" answers ten parts, each naming the instance that sent
    /// it; anything else is echoed.
    static func bot(instance: Int, _ configure: (inout LineHealthConfiguration) -> Void = { _ in }) -> Bot {
        let bot = Bot(configuration: .init(botID: "health-bot", concurrency: 8, timeZone: zone))
        var health = LineHealthConfiguration(businessName: name)
        configure(&health)
        bot.useLineHealth(health)
        bot.onText(.regex("^burst")) { ctx, text in
            for index in 1...10 { try await ctx.reply("Part \(index) of \(text) from instance \(instance)") }
        }
        bot.onText { ctx, text in try await ctx.reply("You said: \(text)") }
        return bot
    }

    /// A tester running two instances of `bot(instance:)`, each on its own connection to one fresh schema.
    static func tester(
        _ scratch: PostgresTestDatabase.Scratch, _ configure: @escaping (inout LineHealthConfiguration) -> Void = { _ in }
    ) async throws -> BotTester {
        let schema = PostgresTestDatabase.freshSchema()
        let stores = [try await scratch.store(schema: schema), try await scratch.store(schema: schema, migrated: false)]
        let built = Mutex(0)
        return try await BotTester(instancesOn: stores) {
            let instance = built.withLock { count in
                defer { count += 1 }
                return count
            }
            return bot(instance: instance, configure)
        }
    }

    /// Sends to one person as a person would count them: a request the simulator refused with
    /// 429 and its accepted retry carry one idempotency key and are one send.
    static func sendKeys(_ log: some Sequence<SimulatorLoggedRequest>, kind: SimulatorLoggedRequest.Kind = .message) -> Set<String> {
        Set(log.filter { $0.kind == kind }.map { $0.idempotencyKey ?? "\($0.at.timeIntervalSince1970)" })
    }

    @Test("D8: two instances sending to one pair keep to 20 per 60 s together and never meet the simulator's 429")
    func sharedPacing() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let tester = try await Self.tester(scratch) { $0.typing = nil }
            try await tester.run {
                // Ten turns of ten parts each, their webhooks taken by the instances in turn, one
                // right after the other: 100 replies to one pair from both instances within minutes.
                for turn in 0..<10 { try await tester.send("burst m\(turn)") }
                try await tester.settle(within: .seconds(600))
                let replies = try await tester.replies()
                #expect(replies.count == 100, "every part sent once")
                #expect(Set(replies).count == 100)
                // Which instance handles a turn depends on timing (the one that finishes a turn
                // claims the chat's next event in the same commit); the test below makes both
                // book at once on purpose.
                let log = tester.requests(involving: tester.person).filter { $0.kind == .message }
                #expect(log.allSatisfy { $0.status != 429 }, "no 1007 from Linq's 30 per 60 s")
                let sends = tester.acceptedSends()
                #expect(sends.count == 100)
                for (index, first) in sends.enumerated() {
                    let window = sends[index...].prefix { $0.at.timeIntervalSince(first.at) < 60 }.count
                    #expect(window <= 20, "the minute from send \(index) holds \(window)")
                }
                #expect(try await tester.deadLetters().isEmpty)
            }
        }
    }

    @Test("D8 at the store: two instances booking 50 messages each to one pair at once keep every 60 s at 20")
    func sharedPaceBookings() async throws {
        try await PostgresTestDatabase.withScratch { scratch in
            let schema = PostgresTestDatabase.freshSchema()
            let stores = [try await scratch.store(schema: schema), try await scratch.store(schema: schema, migrated: false)]
            // The pace line health books with the defaults (20 per 60 s, bursts of 5).
            let interval = 60.0 / 16 + 0.001
            let start = Date(timeIntervalSince1970: 1_773_000_000)
            let moments = try await withThrowingTaskGroup(of: [Date].self) { group in
                for store in stores {
                    group.addTask {
                        var booked: [Date] = []
                        for _ in 0..<50 {
                            let request = PaceRequest(
                                pair: "+15555550100>+15555550123", earliest: start, latest: start.addingTimeInterval(3_600),
                                interval: interval, tolerance: 4 * interval
                            )
                            if case .booked(let at) = try await store.bookPace(request) { booked.append(at) }
                        }
                        return booked
                    }
                }
                return try await group.reduce(into: [[Date]]()) { $0.append($1) }
            }
            #expect(moments.map(\.count) == [50, 50], "each instance booked 50")
            let all = moments.flatMap { $0 }.sorted()
            #expect(all.prefix(5).allSatisfy { $0 == start }, "a burst of 5 at once")
            for (index, first) in all.enumerated() {
                let window = all[index...].prefix { $0.timeIntervalSince(first) < 60 }.count
                #expect(window <= 20, "the minute from booking \(index) holds \(window)")
            }
            #expect(all.prefix(20).last!.timeIntervalSince(start) < 60, "the minute's 20 are all used")
        }
    }

    @Test("F3: STOP at a random moment among 50 queued sends and 10 turns on two instances: nothing but the confirmation starts after its commit")
    func stopRacesQueuedSendsOnTwoInstances() async throws {
        let trials = Self.trials("LINQBOT_F3_TRIALS", default: 10)
        var generator = SystemRandomNumberGenerator()
        try await PostgresTestDatabase.withScratch { scratch in
            let tester = try await Self.tester(scratch) { health in
                health.pacing = PacingPolicy(pairLimit: 1000, pairBurst: 1000, minimumGap: .zero, perCharacter: .zero, maximumGap: .zero)
                health.followUpLimit = nil
                health.quietHours = nil
                health.typing = nil
                health.shareContactCard = false
            }
            try await tester.run {
                try await tester.simulatorEnforcesOptOut(false)
                var violations = 0
                for trial in 0..<trials {
                    // A handle of its own per trial, so one schema and one simulator serve every trial.
                    let person = String(format: "+1555556%04d", trial)
                    try await tester.send("hi", from: person)
                    let chat = try #require(try await tester.chatID(with: person))
                    for index in 0..<50 {
                        try await tester.apps[index % 2].send(.text("Update \(index)"), to: chat, key: "t\(trial)-update-\(index)")
                    }
                    for index in 0..<10 { try await tester.deliver("question \(index)", from: person) }
                    // The STOP lands after a random number of sends went out (or once nothing moves without the clock).
                    let target = Int.random(in: 0...45, using: &generator)
                    let limit = ContinuousClock.now.advanced(by: .seconds(2))
                    while tester.requests(involving: person).count < target + 2, ContinuousClock.now < limit { await Task.yield() }
                    try await tester.deliver("STOP", from: person)
                    let atCommit = tester.requests(involving: person).count
                    try await tester.settle(within: BotTester.patience)
                    // Sends the simulator's own 30-a-minute limit pushed back come due (and are refused) too.
                    try await tester.advance(by: .seconds(180))
                    let log = tester.requests(involving: person)
                    let confirmations = Self.sendKeys(log.filter(\.overrideOptOut))
                    // A send already past the gate when the STOP committed may reach Linq after it: one chat has at most one in flight.
                    let late = Self.sendKeys(log.dropFirst(atCommit).filter { !$0.overrideOptOut })
                    let cancelledLeft = try await tester.store.pendingCount()
                    if confirmations.count != 1 || late.count > 1 || cancelledLeft != 0 { violations += 1 }
                    #expect(confirmations.count == 1, "trial \(trial): one confirmation, \(confirmations)")
                    #expect(late.count <= 1, "trial \(trial): \(late.count) sends started after the STOP's commit: \(late.sorted())")
                    #expect(cancelledLeft == 0, "trial \(trial): queued sends left after the STOP")
                    #expect(try await tester.app.isOptedOut(person))
                }
                #expect(violations == 0, "F3 over \(trials) trials on two instances: \(violations) violations")
                #expect(try await tester.deadLetters().isEmpty)
            }
        }
    }

    @Test("F9: the contact card on two instances: at most once per chat per local day, never within 5 minutes, never after a STOP")
    func contactCardOnTwoInstances() async throws {
        // Each trial is one person writing 100 messages, 1 to 28 minutes apart (about a day),
        // from a random minute of the first six hours; half of them opt out at a random message
        // and write on. The people write side by side on one clock, so many trials share one
        // simulated day and a half.
        let plans = ContactCardPlan.random(count: Self.trials("LINQBOT_F9_TRIALS", default: 1))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.zone
        try await PostgresTestDatabase.withScratch { scratch in
            let tester = try await Self.tester(scratch) { health in
                health.typing = nil
                health.quietHours = nil
            }
            try await tester.run {
                try await tester.simulatorEnforcesOptOut(false)
                var stoppedAt: [Int: Date] = [:]
                let schedule = ContactCardPlan.schedule(plans)
                var minute = 0
                for (due, messages) in schedule {
                    try await tester.advance(by: .seconds(Int64(due - minute) * 60), within: .seconds(300))
                    minute = due
                    for (trial, index) in messages {
                        if index == plans[trial].stopAt {
                            try await tester.deliver("STOP", from: plans[trial].handle)
                            stoppedAt[trial] = tester.date
                        }
                        try await tester.deliver("hello \(index)", from: plans[trial].handle)
                    }
                    try await tester.settle(within: .seconds(300))
                }
                var violations = 0
                for (trial, plan) in plans.enumerated() {
                    let cards = tester.requests(involving: plan.handle).filter { $0.kind == .contactCard && (200..<300).contains($0.status) }
                    let days = cards.map { calendar.startOfDay(for: $0.at) }
                    let gaps = zip(cards, cards.dropFirst()).map { $1.at.timeIntervalSince($0.at) }
                    let afterStop = cards.filter { card in stoppedAt[trial].map { card.at >= $0 } ?? false }
                    if Set(days).count != days.count || gaps.contains(where: { $0 < 300 }) || !afterStop.isEmpty || (cards.isEmpty && plan.stopAt != 0) {
                        violations += 1
                    }
                    #expect(Set(days).count == days.count, "trial \(trial): two shares on one local day: \(cards.map(\.at))")
                    #expect(gaps.allSatisfy { $0 >= 300 }, "trial \(trial): shares within 5 minutes: \(gaps)")
                    #expect(afterStop.isEmpty, "trial \(trial): \(afterStop.count) shares to an opted-out handle")
                    #expect(!cards.isEmpty || plan.stopAt == 0, "trial \(trial): the card was never shared")
                }
                #expect(violations == 0, "F9 over \(plans.count) trials on two instances: \(violations) violations")
                #expect(try await tester.deadLetters().isEmpty)
            }
        }
    }
}
