import Foundation
import LinqBot
import LinqBotSQLite
import Testing

/// The SQLite store books paces in memory and writes them to the file within a second and on
/// close: a restart on the same file paces on from where the last run stopped.
@Suite struct SQLitePacingTests {
    static let t0 = Date(timeIntervalSince1970: 1_773_157_328)

    static func request(_ pair: String = "+15555550100>+15555550123") -> PaceRequest {
        PaceRequest(pair: pair, earliest: t0, latest: t0.addingTimeInterval(3_600), interval: 3, tolerance: 6)
    }

    @Test("a restart keeps each pair's pace and a 429's block")
    func restartKeepsThePace() async throws {
        try await TemporaryDatabase.with { database in
            let path = database.path("bot.sqlite")
            let first = try await openMigrated(path)
            for _ in 0..<4 { _ = try await first.bookPace(Self.request()) }
            try await first.blockPace(pair: "+15555550100>+15555550124", until: Self.t0.addingTimeInterval(90))
            try await first.close()

            let second = try await openMigrated(path)
            #expect(try await second.bookPace(Self.request()) == .booked(Self.t0.addingTimeInterval(6)), "the fifth follows the first run's four")
            #expect(try await second.bookPace(Self.request("+15555550100>+15555550124")) == .booked(Self.t0.addingTimeInterval(90)))
            #expect(try await second.bookPace(Self.request("+15555550100>+15555550125")) == .booked(Self.t0), "a new pair starts afresh")
            try await second.close()
        }
    }

    @Test("a flush of more pairs than one statement holds keeps every pair's pace")
    func flushOfManyPairs() async throws {
        try await TemporaryDatabase.with { database in
            let path = database.path("bot.sqlite")
            let first = try await openMigrated(path)
            let pairs = (0..<1_201).map { "+15555550100>+1555600\(String(format: "%04d", $0))" }
            for pair in pairs { for _ in 0..<4 { _ = try await first.bookPace(Self.request(pair)) } }
            try await first.close()

            let second = try await openMigrated(path)
            for pair in pairs {
                #expect(try await second.bookPace(Self.request(pair)) == .booked(Self.t0.addingTimeInterval(6)), "\(pair) follows the first run's four")
            }
            try await second.close()
        }
    }
}
