import Foundation
public import LinqModels

/// Derives the JSON Schema of a `Decodable` type by decoding one sample of it: every property
/// the type reads becomes a schema property (`decodeIfPresent` makes it optional), with its
/// type (string, integer, number, boolean, array, object). `CaseIterable` enums of strings or
/// whole numbers list their values; dates and URLs are strings. A type that decodes in other
/// ways gives its schema through ``SchemaDescribing``.
///
/// ```swift
/// struct Booking: Decodable { var people: Int; var time: String; var note: String? }
/// let schema = try ArgumentSchema.of(Booking.self)
/// // {"type":"object","properties":{"people":{"type":"integer"},…},"required":["people","time"]}
/// ```
public enum ArgumentSchema {
    /// The schema of `type`; throws when the type cannot be decoded from a sample (say, one that
    /// validates its values), which then should conform to ``SchemaDescribing``.
    public static func of<T: Decodable>(_ type: T.Type) throws -> JSONValue {
        if let described = type as? any SchemaDescribing.Type { return described.argumentSchema }
        let probe = SchemaProbe()
        _ = try T(from: probe)
        return probe.node.schema
    }
}

/// A type that states its own JSON Schema instead of having it derived.
public protocol SchemaDescribing {
    /// The type's JSON Schema.
    static var argumentSchema: JSONValue { get }
}

/// What the probe learned about one value.
final class SchemaNode {
    var type = "object"
    var properties: [(String, SchemaNode)] = []
    var required: [String] = []
    var items: SchemaNode?
    var allowed: [JSONValue] = []

    var schema: JSONValue {
        switch type {
        case "object":
            var properties: [String: JSONValue] = [:]
            for (name, node) in self.properties { properties[name] = node.schema }
            return ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
        case "array":
            return ["type": "array", "items": items?.schema ?? [:]]
        default:
            return allowed.isEmpty ? ["type": .string(type)] : ["type": .string(type), "enum": .array(allowed)]
        }
    }
}

/// A decoder that answers every question with a sample and notes what was asked.
final class SchemaProbe: Decoder {
    let node: SchemaNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(node: SchemaNode = SchemaNode()) { self.node = node }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        node.type = "object"
        return KeyedDecodingContainer(KeyedProbe<Key>(node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        node.type = "array"
        return UnkeyedProbe(node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleProbe(node: node) }

    /// A sample of `type`, noting its schema in `node`.
    static func sample<T: Decodable>(_ type: T.Type, into node: SchemaNode) throws -> T {
        let sample: Any?
        switch type {
        case is String.Type: (node.type, sample) = ("string", "")
        case is Bool.Type: (node.type, sample) = ("boolean", false)
        case is Date.Type: (node.type, sample) = ("string", Date(timeIntervalSince1970: 0))
        case is URL.Type: (node.type, sample) = ("string", URL(string: "https://example.com"))
        case let integer as any BinaryInteger.Type: (node.type, sample) = ("integer", zero(of: integer))
        case let real as any BinaryFloatingPoint.Type: (node.type, sample) = ("number", zero(of: real))
        default: sample = nil
        }
        if let value = sample as? T { return value }
        // An enum of raw values: its cases are the allowed values (a sample would not decode).
        if let cases = type as? any CaseIterable.Type, let first = firstCase(of: cases) as? T {
            let values = rawValues(of: cases)
            node.type = values.first?.stringValue == nil ? "integer" : "string"
            node.allowed = values
            return first
        }
        return try T(from: SchemaProbe(node: node))
    }

    private static func zero<N: Numeric>(of type: N.Type) -> N { 0 }

    private static func firstCase<C: CaseIterable>(of type: C.Type) -> Any? { type.allCases.first }

    private static func rawValues<C: CaseIterable>(of type: C.Type) -> [JSONValue] {
        type.allCases.compactMap { value -> JSONValue? in
            switch (value as? any RawRepresentable)?.rawValue {
            case let text as String: .string(text)
            case let number as Int: .number(Double(number))
            default: nil
            }
        }
    }
}

struct KeyedProbe<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: SchemaNode
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }

    private func child(_ key: Key, required: Bool) -> SchemaNode {
        let child = SchemaNode()
        node.properties.removeAll { $0.0 == key.stringValue }
        node.properties.append((key.stringValue, child))
        if required, !node.required.contains(key.stringValue) { node.required.append(key.stringValue) }
        return child
    }

    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try SchemaProbe.sample(type, into: child(key, required: true))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { absent(type, key) }

    /// Notes an optional property and decodes it as absent.
    private func absent<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        _ = try? SchemaProbe.sample(type, into: child(key, required: false))
        return nil
    }

    // The standard types' requirements, answered like any other type.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { absent(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { absent(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { absent(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { absent(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { absent(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { absent(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { absent(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { absent(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { absent(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { absent(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { absent(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { absent(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { absent(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try SchemaProbe.sample(type, into: child(key, required: true)) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { absent(type, key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(KeyedProbe<NestedKey>(node: child(key, required: true)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let node = child(key, required: true)
        node.type = "array"
        return UnkeyedProbe(node: node)
    }

    func superDecoder() throws -> any Decoder { SchemaProbe(node: node) }
    func superDecoder(forKey key: Key) throws -> any Decoder { SchemaProbe(node: child(key, required: true)) }
}

/// An array: its first element is probed for the items' schema, then the array ends.
final class UnkeyedProbe: UnkeyedDecodingContainer {
    let node: SchemaNode
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    init(node: SchemaNode) { self.node = node }

    private func item() -> SchemaNode {
        currentIndex += 1
        let item = SchemaNode()
        node.items = item
        return item
    }

    func decodeNil() throws -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: Bool.Type) throws -> Bool { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: String.Type) throws -> String { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: Double.Type) throws -> Double { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: Float.Type) throws -> Float { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: Int.Type) throws -> Int { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: Int8.Type) throws -> Int8 { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: Int16.Type) throws -> Int16 { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: Int32.Type) throws -> Int32 { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: Int64.Type) throws -> Int64 { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: UInt.Type) throws -> UInt { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try SchemaProbe.sample(type, into: item()) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try SchemaProbe.sample(type, into: item()) }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(KeyedProbe<NestedKey>(node: item()))
    }
    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let node = item()
        node.type = "array"
        return UnkeyedProbe(node: node)
    }
    func superDecoder() throws -> any Decoder { SchemaProbe(node: item()) }
}

struct SingleProbe: SingleValueDecodingContainer {
    let node: SchemaNode
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: Bool.Type) throws -> Bool { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: String.Type) throws -> String { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: Double.Type) throws -> Double { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: Float.Type) throws -> Float { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: Int.Type) throws -> Int { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: Int8.Type) throws -> Int8 { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: Int16.Type) throws -> Int16 { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: Int32.Type) throws -> Int32 { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: Int64.Type) throws -> Int64 { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: UInt.Type) throws -> UInt { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try SchemaProbe.sample(type, into: node) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try SchemaProbe.sample(type, into: node) }
}
