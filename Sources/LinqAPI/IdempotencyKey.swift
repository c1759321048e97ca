import Crypto
import Foundation

/// Idempotency keys: Linq replays the first result for a key instead of sending twice.
public enum IdempotencyKey {
    /// The longest key Linq accepts.
    public static let maxLength = 255

    /// A new random key, `lq-` and a UUID.
    public static func random() -> String {
        "lq-" + UUID().uuidString.lowercased()
    }

    /// A deterministic key for one logical send: `lq1-` and the base32 SHA-256 of the parts.
    ///
    /// The same parts always give the same key, so a step re-run after a crash collapses
    /// into the first send:
    ///
    /// ```swift
    /// IdempotencyKey.derive("reminder-bot", eventID.rawValue, "reply-0")
    /// ```
    public static func derive(_ parts: String...) -> String {
        derive(parts)
    }

    /// A deterministic key for one logical send (see ``derive(_:)-(String...)``).
    public static func derive(_ parts: [String]) -> String {
        var hasher = SHA256()
        for part in parts {
            // Length-prefix each part so ("ab", "c") and ("a", "bc") differ.
            hasher.update(data: Data(String(part.utf8.count).utf8))
            hasher.update(data: Data([0x3A]))
            hasher.update(data: Data(part.utf8))
        }
        return "lq1-" + base32(Array(hasher.finalize()))
    }

    private static func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }
}
