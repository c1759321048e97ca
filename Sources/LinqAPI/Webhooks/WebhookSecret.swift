import Crypto
public import Foundation

/// A webhook signing secret as Linq issues it (`whsec_` and base64).
///
/// The Standard Webhooks key is the base64-decoded part after `whsec_`; the deprecated
/// `X-Webhook-Signature` scheme keys on the UTF-8 bytes of the whole string. A secret is
/// checked when it is created: empty, not base64, or a key shorter than 24 bytes (or
/// longer than 64) is refused, so a bad configuration fails at start.
public struct WebhookSecret: Sendable, CustomStringConvertible {
    /// The shortest decoded key accepted, in bytes.
    public static let minimumKeyLength = 24
    /// The longest decoded key accepted, in bytes.
    public static let maximumKeyLength = 64

    let standardKey: SymmetricKey
    let legacyKey: SymmetricKey
    /// After this moment the secret no longer verifies anything (for rotation); `nil` = never.
    public var expiresAt: Date?

    /// Parses a secret, with or without the `whsec_` prefix, padded or unpadded base64.
    public init(_ text: String, expiresAt: Date? = nil) throws(WebhookSecretError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw WebhookSecretError("The webhook secret is empty: set it to the whsec_… value Linq returned when the subscription was created.") }
        let encoded = trimmed.hasPrefix("whsec_") ? String(trimmed.dropFirst(6)) : trimmed
        guard let key = Self.decodeBase64(encoded) else {
            throw WebhookSecretError("The webhook secret is not whsec_ followed by base64: copy the signing_secret exactly as Linq returned it.")
        }
        guard (Self.minimumKeyLength...Self.maximumKeyLength).contains(key.count) else {
            throw WebhookSecretError(
                "The webhook secret decodes to \(key.count) bytes; a signing key has \(Self.minimumKeyLength) to \(Self.maximumKeyLength). Copy the whole signing_secret."
            )
        }
        standardKey = SymmetricKey(data: key)
        legacyKey = SymmetricKey(data: Data(trimmed.utf8))
        self.expiresAt = expiresAt
    }

    /// Creates a fresh random secret (`whsec_` and 32 random bytes), as the simulator issues them.
    public static func generate() -> String {
        "whsec_" + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Never shows the key.
    public var description: String { "WebhookSecret(redacted)" }

    func isActive(at now: Date) -> Bool {
        guard let expiresAt else { return true }
        return now < expiresAt
    }

    private static func decodeBase64(_ text: String) -> Data? {
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = normalized.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { normalized += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: normalized)
    }
}

/// A webhook secret that cannot be used, with what to fix.
public struct WebhookSecretError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What is wrong and how to fix it.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    /// What is wrong and how to fix it.
    public var description: String { message }
}
