import Foundation
import LinqModels
import Testing

@Suite struct LinqTimestampTests {
    static let base = 1_773_157_327.0  // 2026-03-10T15:42:07Z

    @Test("0 to 9 fractional digits parse to the same instant", arguments: [
        ("2026-03-10T15:42:07Z", 0.0), ("2026-03-10T15:42:07.9Z", 0.9), ("2026-03-10T15:42:07.318Z", 0.318),
        ("2026-03-10T15:42:07.318123Z", 0.318123), ("2026-03-10T15:42:07.904113402Z", 0.904113402),
        ("2026-03-10T16:42:07.5+01:00", 0.5), ("2026-03-10T10:42:07-0500", 0), ("2026-03-10t15:42:07z", 0),
    ])
    func parses(text: String, fraction: Double) throws {
        let date = try #require(LinqTimestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - (Self.base + fraction)) < 1e-6)
    }

    @Test("non-timestamps are refused", arguments: [
        "", "2026-03-10", "2026-03-10T15:42:07", "2026-03-10T15:42:07.Z", "2026-03-10T15:42:07.1234567890Z",
        "2026-13-10T15:42:07Z", "2026-02-30T15:42:07Z", "2026-03-10T24:00:00Z", "2026-03-10T15:42:07Zjunk", "１２３",
    ])
    func refuses(text: String) {
        #expect(LinqTimestamp.parse(text) == nil)
    }

    @Test("formatting writes UTC milliseconds and reads back")
    func formats() throws {
        let date = Date(timeIntervalSince1970: Self.base + 0.318)
        #expect(LinqTimestamp.format(date) == "2026-03-10T15:42:07.318Z")
        #expect(LinqTimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(LinqTimestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        let parsed = try #require(LinqTimestamp.parse(LinqTimestamp.format(date)))
        #expect(abs(parsed.timeIntervalSince(date)) < 0.001)
    }

    @Test("the Linq decoder reads dates in models and explains bad ones")
    func decoder() throws {
        struct Stamped: Decodable { var at: Date }
        let good = try LinqJSON.makeDecoder().decode(Stamped.self, from: Data(#"{"at":"2026-03-10T15:42:07.904113402Z"}"#.utf8))
        #expect(abs(good.at.timeIntervalSince1970 - (Self.base + 0.904113402)) < 1e-6)
        #expect(throws: DecodingError.self) { try LinqJSON.makeDecoder().decode(Stamped.self, from: Data(#"{"at":"yesterday"}"#.utf8)) }
    }
}
