import Foundation
@testable import LinqBot
import LinqModels
import Testing

/// `JSONValue(encoding:)` and `decode(as:)`, which sessions and commands use: the direct
/// conversions of strings, Booleans and numbers give what the trip through JSON text gives.
@Suite struct JSONValueConversionTests {
    /// The trip through JSON text, as every value took before the direct conversions.
    func throughText<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    @Test("strings, Booleans, Ints and Doubles convert as JSON text would convert them")
    func primitives() throws {
        for text in ["", "hello", "ünïcødé 😀", "quote \" and \\ back"] { #expect(try JSONValue(encoding: text) == throughText(text)) }
        for flag in [true, false] { #expect(try JSONValue(encoding: flag) == throughText(flag)) }
        for number in [0, 1, -42, Int(Int32.max), 9_007_199_254_740_993, Int.max, Int.min] {
            #expect(try JSONValue(encoding: number) == throughText(number), "\(number)")
        }
        for number in [0.0, -0.0, 0.1, 1.5, 1e300, -2.5e-300, Double.pi] {
            #expect(try JSONValue(encoding: number) == throughText(number), "\(number)")
        }
        #expect(throws: (any Error).self) { try JSONValue(encoding: Double.nan) }
        #expect(try JSONValue(encoding: ["a": [1, 2]]) == .object(["a": .array([1, 2])]))
    }

    @Test("decoding takes the direct way for the same types and refuses what JSON text refuses")
    func decoding() throws {
        #expect(try JSONValue.string("hi").decode(as: String.self) == "hi")
        #expect(try JSONValue.bool(true).decode(as: Bool.self))
        #expect(try JSONValue.number(7).decode(as: Int.self) == 7)
        #expect(try JSONValue.number(2.5).decode(as: Double.self) == 2.5)
        #expect(try JSONValue.number(7).decode(as: Double.self) == 7)
        let value: JSONValue = ["k": "v"]
        #expect(try value.decode(as: JSONValue.self) == value)
        #expect(try value.decode(as: [String: String].self) == ["k": "v"])
        #expect(throws: (any Error).self) { try JSONValue.number(2.5).decode(as: Int.self) }
        #expect(throws: (any Error).self) { try JSONValue.string("7").decode(as: Int.self) }
        #expect(throws: (any Error).self) { try JSONValue.number(1).decode(as: Bool.self) }
        #expect(try JSONValue.number(3).decode(as: Int64.self) == 3)
    }
}
