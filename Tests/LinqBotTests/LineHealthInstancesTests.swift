import Foundation
@testable import LinqBot
import Testing

/// What line health needs to hold across instances: a chat's pacing travels in its facts, and a
/// line's FLAGGED status recorded by another instance is seen within seconds.
@Suite struct LineHealthInstancesTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_000_000)
    static let pair = "+15555550100>+15555550101"

    static func reserve(_ pacer: PairPacer, at now: Date) -> PairPacer.Reservation {
        pacer.reserve(pairs: [pair], chat: nil, gap: 0, now: now, longestWait: 3_600)
    }

    @Test("the next instance paces the pair as the one before it would have")
    func evenRateCarriesOver() {
        let policy = PacingPolicy()
        let alone = PairPacer(policy: policy)
        let reservations = (0..<6).map { _ in Self.reserve(alone, at: Self.t0) }
        let first = PairPacer(policy: policy)
        for _ in 0..<5 { _ = Self.reserve(first, at: Self.t0) }
        let saved = first.record(pairs: [Self.pair], now: Self.t0)
        #expect(saved[Self.pair]?.sends.count == 5)
        let second = PairPacer(policy: policy)
        second.take(saved, now: Self.t0)
        #expect(Self.reserve(second, at: Self.t0) == reservations[5], "the sixth waits for the even rate on either instance")
        #expect(Self.reserve(PairPacer(policy: policy), at: Self.t0) == .at(Self.t0), "without the saved state it would go at once")
    }

    @Test("the window's cap and a 429's block carry over too")
    func windowAndBlockCarryOver() {
        let policy = PacingPolicy(pairLimit: 3, pairWindow: .seconds(60), pairBurst: 3)
        let first = PairPacer(policy: policy)
        for _ in 0..<3 { _ = Self.reserve(first, at: Self.t0) }
        let second = PairPacer(policy: policy)
        second.take(first.record(pairs: [Self.pair], now: Self.t0), now: Self.t0)
        guard case .at(let next) = Self.reserve(second, at: Self.t0.addingTimeInterval(1)) else {
            Issue.record("expected a booked moment")
            return
        }
        #expect(next >= Self.t0.addingTimeInterval(60), "no fourth message within the window")

        let blocked = PairPacer(policy: PacingPolicy())
        blocked.block(pairs: [Self.pair], until: Self.t0.addingTimeInterval(90))
        let third = PairPacer(policy: PacingPolicy())
        third.take(blocked.record(pairs: [Self.pair], now: Self.t0), now: Self.t0)
        #expect(Self.reserve(third, at: Self.t0) == .at(Self.t0.addingTimeInterval(90)))
        #expect(blocked.record(pairs: [Self.pair], now: Self.t0.addingTimeInterval(200)).isEmpty, "nothing binds the pair any more")
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
