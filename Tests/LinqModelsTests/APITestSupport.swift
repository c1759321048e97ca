import Foundation
import LinqFixtures
import LinqModels

/// Helpers for the API model tests.
enum APITestSupport {
    /// Decodes an API fixture with Linq's decoder.
    static func decode<T: Decodable>(_ type: T.Type, fixture name: String) throws -> T {
        try LinqJSON.makeDecoder().decode(type, from: Fixtures.data("linq-api/\(name)"))
    }

    /// Encodes a value with Linq's encoder and reads it back as a JSON tree.
    static func encoded(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: LinqJSON.makeEncoder().encode(value))
    }

    /// Parses JSON text into a JSON tree.
    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Encodes `value`, decodes it back and returns the copy.
    static func roundTrip<T: Codable>(_ value: T) throws -> T {
        try LinqJSON.makeDecoder().decode(T.self, from: LinqJSON.makeEncoder().encode(value))
    }
}
