import Foundation

/// A strict, forward-only reader of JSON text over raw bytes.
///
/// It serves the one shape LinqBot reads on every message (see ``QuickMessageDecoding``).
/// It accepts a subset of what `JSONDecoder` accepts: RFC 8259 syntax, valid UTF-8, ASCII
/// keys without escapes, nesting at most ``maximumDepth`` deep. Anything else, and any value
/// of an unexpected kind, throws ``Unread``: the caller then hands the whole body to
/// `JSONDecoder`, which accepts it or reports the error in its own words.
struct JSONByteReader {
    /// The input is not in the subset this reader takes; decode it with `JSONDecoder`.
    struct Unread: Error {}

    /// How deep ``skip()`` follows nested values before giving up.
    static let maximumDepth = 64

    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var offset: Int

    /// A reader at `offset` of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Checks that only white space is left.
    mutating func end() throws {
        skipSpace()
        guard offset == bytes.count else { throw Unread() }
    }

    /// Reads an object. `member` gets each key's bytes and must read or skip its value.
    mutating func object(_ member: (inout JSONByteReader, UnsafeRawBufferPointer) throws -> Void) throws {
        try expect(0x7B)
        if try next() == 0x7D {
            offset += 1
            return
        }
        while true {
            let key = try rawKey()
            try expect(0x3A)
            try member(&self, key)
            switch try next() {
            case 0x2C: offset += 1
            case 0x7D:
                offset += 1
                return
            default: throw Unread()
            }
        }
    }

    /// Reads an array, calling `element` for each element; it must read or skip it.
    mutating func array(_ element: (inout JSONByteReader) throws -> Void) throws {
        try expect(0x5B)
        if try next() == 0x5D {
            offset += 1
            return
        }
        while true {
            try element(&self)
            switch try next() {
            case 0x2C: offset += 1
            case 0x5D:
                offset += 1
                return
            default: throw Unread()
            }
        }
    }

    /// Reads `null` when it comes next; returns whether it did.
    mutating func null() throws -> Bool {
        guard try next() == 0x6E else { return false }
        try literal("null")
        return true
    }

    /// Reads a string.
    mutating func string() throws -> String {
        try expect(0x22)
        let start = offset
        var ascii = true
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x22 {
                offset += 1
                let utf8 = UnsafeRawBufferPointer(rebasing: bytes[start..<offset - 1])
                // ASCII needs no validation.
                return ascii ? String(decoding: utf8.assumingMemoryBound(to: UInt8.self), as: UTF8.self) : try text(utf8)
            }
            if byte == 0x5C { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw Unread() }
            ascii = ascii && byte < 0x80
            offset += 1
        }
        throw Unread()
    }

    /// Reads a string, or `nil` for `null`.
    mutating func optionalString() throws -> String? {
        try null() ? nil : try string()
    }

    /// Reads `true` or `false`, or `nil` for `null`.
    mutating func optionalBool() throws -> Bool? {
        switch try next() {
        case 0x74:
            try literal("true")
            return true
        case 0x66:
            try literal("false")
            return false
        case 0x6E:
            try literal("null")
            return nil
        default:
            throw Unread()
        }
    }

    /// Reads a whole number written with digits alone (no fraction, no exponent) that fits an
    /// `Int`, or `nil` for `null`; any other number is left to the decoder.
    mutating func optionalInteger() throws -> Int? {
        if try null() { return nil }
        _ = try next()
        let start = offset
        try number()
        let digits = UnsafeRawBufferPointer(rebasing: bytes[start..<offset]).assumingMemoryBound(to: UInt8.self)
        guard let value = Int(String(decoding: digits, as: UTF8.self)) else { throw Unread() }
        return value
    }

    /// Reads any value without keeping it, checking its syntax.
    mutating func skip(depth: Int = 0) throws {
        guard depth < Self.maximumDepth else { throw Unread() }
        switch try next() {
        case 0x7B: try object { reader, _ in try reader.skip(depth: depth + 1) }
        case 0x5B: try array { reader in try reader.skip(depth: depth + 1) }
        case 0x22: _ = try string()
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: try number()
        }
    }

    /// Whether `key` is `name`.
    static func key(_ key: UnsafeRawBufferPointer, is name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        // `withUTF8Buffer` serves every static string, one-character ones included.
        return name.withUTF8Buffer { Self.same(UnsafeRawBufferPointer($0), key) }
    }

    // MARK: - Pieces

    /// Whether two byte ranges of one length hold the same bytes.
    private static func same(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        guard left.count == right.count else { return false }
        guard let a = left.baseAddress, let b = right.baseAddress else { return left.count == 0 }
        return memcmp(a, b, left.count) == 0
    }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    /// The next byte after white space, not consumed.
    private mutating func next() throws -> UInt8 {
        skipSpace()
        guard offset < bytes.count else { throw Unread() }
        return bytes[offset]
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try next() == byte else { throw Unread() }
        offset += 1
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw Unread() }
        let here = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
        guard word.withUTF8Buffer({ Self.same(UnsafeRawBufferPointer($0), here) }) else { throw Unread() }
        offset += count
    }

    /// A key: printable ASCII with no escapes.
    private mutating func rawKey() throws -> UnsafeRawBufferPointer {
        try expect(0x22)
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x22 {
                offset += 1
                return UnsafeRawBufferPointer(rebasing: bytes[start..<offset - 1])
            }
            guard byte >= 0x20, byte < 0x7F, byte != 0x5C else { throw Unread() }
            offset += 1
        }
        throw Unread()
    }

    /// A number, checked against the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws {
        if offset < bytes.count, bytes[offset] == 0x2D { offset += 1 }
        guard offset < bytes.count else { throw Unread() }
        if bytes[offset] == 0x30 {
            offset += 1
        } else {
            try digits()
        }
        if offset < bytes.count, bytes[offset] == 0x2E {
            offset += 1
            try digits()
        }
        if offset < bytes.count, bytes[offset] == 0x65 || bytes[offset] == 0x45 {
            offset += 1
            if offset < bytes.count, bytes[offset] == 0x2B || bytes[offset] == 0x2D { offset += 1 }
            try digits()
        }
    }

    /// One or more decimal digits.
    private mutating func digits() throws {
        let start = offset
        while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
        guard offset > start else { throw Unread() }
    }

    /// Valid UTF-8 as a string.
    private func text(_ utf8: UnsafeRawBufferPointer) throws -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else { throw Unread() }
        return text
    }

    /// The rest of a string that holds escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) throws -> String {
        var utf8 = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case 0x22:
                return try utf8.withUnsafeBytes { try text($0) }
            case 0x5C:
                guard offset < bytes.count else { throw Unread() }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case 0x22, 0x5C, 0x2F: utf8.append(escape)
                case 0x62: utf8.append(0x08)
                case 0x66: utf8.append(0x0C)
                case 0x6E: utf8.append(0x0A)
                case 0x72: utf8.append(0x0D)
                case 0x74: utf8.append(0x09)
                case 0x75: utf8.append(contentsOf: String(try escapedScalar()).utf8)
                default: throw Unread()
                }
            default:
                guard byte >= 0x20 else { throw Unread() }
                utf8.append(byte)
            }
        }
        throw Unread()
    }

    /// The scalar of a `\u` escape whose `u` was read: one unit, or a surrogate pair.
    private mutating func escapedScalar() throws -> Character {
        let first = try hexUnit()
        if (0xD800..<0xDC00).contains(first) {
            try literal("\\u")
            let second = try hexUnit()
            guard (0xDC00..<0xE000).contains(second),
                let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            else { throw Unread() }
            return Character(scalar)
        }
        guard let scalar = Unicode.Scalar(first) else { throw Unread() }
        return Character(scalar)
    }

    /// Four hex digits.
    private mutating func hexUnit() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw Unread() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw Unread()
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
