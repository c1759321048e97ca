import Foundation
import LinqModels
import Testing

/// The byte-level writer of sessions against Foundation's coders: what it writes reads back as
/// the values `JSONEncoder`'s text reads back as.
@Suite("Quick session writing")
struct QuickSessionWriterTests {
    static let numbers: [Double] = [
        0, -0.0, 1, -1, 42, 0.1, 0.1 + 0.2, -2.5, 1e-7, Double.leastNonzeroMagnitude, 1e300, -1e300, 9_007_199_254_740_991, 9_007_199_254_740_992,
        -9_007_199_254_740_994, 1e16, 123_456_789.123_456_79, 786_000_000.25, Double.greatestFiniteMagnitude, Double.leastNormalMagnitude,
    ]

    static let sessions: [[String: JSONValue]] = [
        [:],
        ["received": .number(3)],
        ["text": .string("quote \" backslash \\ slash / tab\t nul \u{0} del \u{7F} é 🙂 \u{2028}"), "flag": .bool(true), "none": .null],
        ["numbers": .array(numbers.map(JSONValue.number))],
        ["nested": .object(["a": .array([.object([:]), .array([]), .object(["b \"key\"": .number(-0.5)])]), "": .string("")])],
        ["linq.facts": .object(["people": .array([.string("+15555550123")]), "isGroup": .bool(false), "unanswered": .number(0), "lastInboundAt": .number(786_000_000.123_456)])],
    ]

    @Test("a session reads back as the values the encoder's text reads back as")
    func readsBackLikeTheEncoder() throws {
        for session in Self.sessions {
            let quick = try #require(QuickJSONWriter.json(session))
            let fromQuick = try JSONDecoder().decode([String: JSONValue].self, from: quick)
            let fromEncoder = try JSONDecoder().decode([String: JSONValue].self, from: JSONEncoder().encode(session))
            #expect(fromQuick == fromEncoder, "\(String(decoding: quick, as: UTF8.self))")
            #expect(fromQuick == session)
        }
    }

    @Test("numbers keep every bit of their value, whole ones are written as integers")
    func numbersRoundTrip() throws {
        for number in Self.numbers {
            let quick = try #require(QuickJSONWriter.json(["n": .number(number)]))
            let back = try JSONDecoder().decode([String: Double].self, from: quick)["n"]
            #expect(back == number, "\(number) came back as \(String(describing: back))")
        }
        #expect(QuickJSONWriter.json(["n": .number(42)]).map { String(decoding: $0, as: UTF8.self) } == #"{"n":42}"#)
        #expect(QuickJSONWriter.json(["n": .number(-2.5)]).map { String(decoding: $0, as: UTF8.self) } == #"{"n":-2.5}"#)
    }

    @Test("keys are written sorted, strings escaped as the encoder escapes them")
    func sortedAndEscaped() throws {
        let session: [String: JSONValue] = ["b": .array([.bool(true), .null, .string("x\"y\n")]), "a": .number(1), "c": .object(["d": .number(0.1)])]
        let text = try #require(QuickJSONWriter.json(session)).map { Character(Unicode.Scalar($0)) }
        #expect(String(text) == #"{"a":1,"b":[true,null,"x\"y\n"],"c":{"d":0.1}}"#)
    }

    @Test("a number JSON cannot carry is left to the encoder, which refuses it")
    func nonFiniteIsDeclined() {
        for number in [Double.nan, .infinity, -.infinity] {
            #expect(QuickJSONWriter.json(["deep": .array([.object(["n": .number(number)])])]) == nil)
            #expect(throws: EncodingError.self) { try JSONEncoder().encode(["n": JSONValue.number(number)]) }
        }
    }
}
