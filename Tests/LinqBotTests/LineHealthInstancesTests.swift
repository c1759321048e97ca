import Foundation
@testable import LinqBot
import Testing

/// What line health needs to hold across instances: a pair's pace lives in the store, and a
/// line's FLAGGED status recorded by another instance is seen within seconds.
@Suite struct LineHealthInstancesTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_000_000)
    static let pair = "+15555550100>+15555550101"

    static func reserve(_ pacer: PairPacer, at now: Date, store: any BotStore) async throws -> PairPacer.Reservation {
        try await pacer.reserve(pairs: [pair], chat: nil, gap: 0, lastOutbound: nil, now: now, longestWait: 3_600, store: store)
    }

    @Test("the next instance paces the pair as the one before it would have")
    func evenRateCarriesOver() async throws {
        let policy = PacingPolicy()
        let alone = PairPacer(policy: policy)
        let aloneStore = InMemoryBotStore()
        var reservations: [PairPacer.Reservation] = []
        for _ in 0..<6 { reservations.append(try await Self.reserve(alone, at: Self.t0, store: aloneStore)) }
        let store = InMemoryBotStore()
        let first = PairPacer(policy: policy)
        for _ in 0..<5 { _ = try await Self.reserve(first, at: Self.t0, store: store) }
        let second = PairPacer(policy: policy)
        #expect(try await Self.reserve(second, at: Self.t0, store: store) == reservations[5], "the sixth waits for the even rate on either instance")
        #expect(try await Self.reserve(PairPacer(policy: policy), at: Self.t0, store: InMemoryBotStore()) == .at(Self.t0), "without the stored pace it would go at once")
    }

    @Test("the window's cap and a 429's block carry over too")
    func windowAndBlockCarryOver() async throws {
        let policy = PacingPolicy(pairLimit: 3, pairWindow: .seconds(60), pairBurst: 3)
        let store = InMemoryBotStore()
        let first = PairPacer(policy: policy)
        for _ in 0..<3 { _ = try await Self.reserve(first, at: Self.t0, store: store) }
        guard case .at(let next) = try await Self.reserve(PairPacer(policy: policy), at: Self.t0.addingTimeInterval(1), store: store) else {
            Issue.record("expected a booked moment")
            return
        }
        #expect(next >= Self.t0.addingTimeInterval(60), "no fourth message within the window")

        let blocked = InMemoryBotStore()
        try await PairPacer(policy: PacingPolicy()).block(pairs: [Self.pair], until: Self.t0.addingTimeInterval(90), store: blocked)
        #expect(try await Self.reserve(PairPacer(policy: PacingPolicy()), at: Self.t0, store: blocked) == .at(Self.t0.addingTimeInterval(90)))
        let report = try await blocked.prune(PruneCutoffs(inboxBefore: Self.t0, dedupKeysBefore: Self.t0, sentBefore: Self.t0, now: Self.t0.addingTimeInterval(200)))
        #expect(report.counters == 1, "nothing binds the pair any more: its pace is pruned")
    }

    @Test("a line FLAGGED by another instance is seen within the recheck interval")
    func flaggedElsewhere() async throws {
        let store = InMemoryBotStore()
        let engine = LineHealthEngine(configuration: LineHealthConfiguration())
        let line = "+15555550100"
        #expect(try await engine.isFlagged(line, store: store, now: Self.t0) == false)
        _ = try await store.incrementCounter(LineHealthEngine.flaggedKey(line), by: 1, expiresAt: nil, now: Self.t0)
        #expect(try await engine.isFlagged(line, store: store, now: Self.t0.addingTimeInterval(5)) == false, "from memory")
        let later = Self.t0.addingTimeInterval(LineHealthEngine.lineStatusRecheck + 1)
        #expect(try await engine.isFlagged(line, store: store, now: later), "read again from the store")
    }
}
