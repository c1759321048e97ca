package import Foundation

/// A request body with a byte-level writer beside `Encodable`, for the calls made for almost
/// every message. Tests hold both to the same bytes.
package protocol QuickEncodable: Encodable {
    /// Exactly the bytes ``LinqJSON``'s encoder writes for `self`, or `nil` for a value the
    /// quick writer leaves to the encoder.
    func quickJSON() -> Data?
}

/// An answer with a byte-level reader beside `Decodable`, for the calls made for almost every
/// message. Tests hold both to the same value.
package protocol QuickDecodable: Decodable {
    /// Exactly the value ``LinqJSON``'s decoder gives, or `nil` for a body the quick reader
    /// leaves to the decoder (which also words every error).
    static func quickDecoded(from body: Data) -> Self?
}

/// Writes JSON the way ``LinqJSON/makeEncoder()`` does: the same escapes, slashes unescaped.
package struct QuickJSONWriter {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends a fixed piece of JSON (keys, punctuation, literals).
    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` as a JSON string, quoted.
    package mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex(byte >> 4), Self.hex(byte & 0xF)]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `text`'s UTF-8 as it is (a number's digits).
    package mutating func unquoted(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// The lowercase hex digit of `nibble` (0–15), as the encoder writes `\u00XX`.
    private static func hex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// The JSON written.
    package var data: Data { Data(bytes) }
}
