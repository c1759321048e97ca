import Foundation
import LinqBot
import Testing

extension StoreConformance {
    static func paces(_ store: any BotStore) async throws {
        func book(_ pair: String = "l>p", at offset: Double = 0, latest: Double = 100) async throws -> PaceBooking {
            try await store.bookPace(PaceRequest(
                pair: pair, earliest: t0.addingTimeInterval(offset), latest: t0.addingTimeInterval(latest), interval: 3, tolerance: 6
            ))
        }
        func at(_ offset: Double) -> Date { t0.addingTimeInterval(offset) }
        for _ in 0..<3 { #expect(try await book() == .booked(t0), "a burst of three goes at once") }
        #expect(try await book() == .booked(at(3)), "then one every interval")
        #expect(try await book(latest: 1) == .tooLate(at(6)), "a moment after the latest is refused")
        #expect(try await book() == .booked(at(6)), "and the refusal booked nothing")
        #expect(try await book(at: 30) == .booked(at(30)), "a later earliest wins")
        try await store.blockPace(pair: "l>p", until: at(50))
        try await store.blockPace(pair: "l>p", until: at(20))
        #expect(try await book(latest: 40) == .tooLate(at(50)), "a 429's block holds the pair; an earlier block does not shorten it")
        #expect(try await book() == .booked(at(50)))
        #expect(try await book("l>q") == .booked(t0), "other pairs are not held")
        let report = try await store.prune(PruneCutoffs(inboxBefore: t0, dedupKeysBefore: t0, sentBefore: t0, now: at(60)))
        #expect(report.counters == 2, "paces that bind nothing any more are pruned")
        #expect(try await book(at: 60, latest: 100) == .booked(at(60)))
        // Three pairs run four messages ahead; erasing the person "p" forgets only their two.
        for pair in ["l>p", "m>p", "l>p_"] {
            for _ in 0..<4 { _ = try await book(pair, at: 60) }
        }
        try await store.erasePaces(handle: "p")
        #expect(try await book("l>p", at: 60, latest: 61) == .booked(at(60)), "an erased pair starts afresh")
        #expect(try await book("m>p", at: 60, latest: 61) == .booked(at(60)))
        #expect(try await book("l>p_", at: 60, latest: 61) == .tooLate(at(66)), "another person's pair keeps its pace")
    }

    static func concurrentPaceBookings(_ store: any BotStore) async throws {
        let request = PaceRequest(pair: "l>c", earliest: t0, latest: t0.addingTimeInterval(1_000), interval: 1, tolerance: 0)
        let moments = try await withThrowingTaskGroup(of: PaceBooking.self) { group in
            for _ in 0..<30 { group.addTask { try await store.bookPace(request) } }
            return try await group.reduce(into: [Date]()) { moments, booking in
                if case .booked(let at) = booking { moments.append(at) }
            }
        }
        #expect(moments.sorted() == (0..<30).map { t0.addingTimeInterval(Double($0)) }, "30 bookings at once get 30 moments, one interval apart")
    }
}
