import Crypto
public import Foundation

/// Checks that a webhook delivery comes from Linq and is fresh.
///
/// The default is Standard Webhooks: `webhook-id`, `webhook-timestamp` and
/// `webhook-signature` (`v1,<base64 HMAC-SHA256>` over `id.timestamp.body`, keyed with the
/// base64-decoded `whsec_` secret), ±300 s of the injected clock, several signatures and
/// several secrets (rotation). The deprecated `X-Webhook-Signature` hex scheme and the V2
/// `sha256=` scheme are tried only when turned on. Every comparison of a signature goes
/// through swift-crypto's constant-time check.
///
/// ```swift
/// let verifier = try WebhookVerifier(configuration: .init(secrets: [WebhookSecret(secretText)]))
/// let verified = try verifier.verify(body: body, headers: headers, now: clock.now)
/// ```
public struct WebhookVerifier: Sendable {
    /// The settings of a verifier.
    public let configuration: Configuration

    /// Creates a verifier; at least one secret is required.
    public init(configuration: Configuration) throws(WebhookSecretError) {
        guard !configuration.secrets.isEmpty else {
            throw WebhookSecretError("No webhook secret is configured: set LINQ_WEBHOOK_SECRET to the subscription's whsec_… signing secret.")
        }
        self.configuration = configuration
    }

    /// Verifies a delivery with headers looked up by `header` (case-insensitive lookup is the caller's).
    public func verify(
        body: Data, now: Date, header: (String) -> String?
    ) throws(WebhookVerificationError) -> VerifiedWebhook {
        if let id = header("webhook-id"), let timestamp = header("webhook-timestamp"), let signature = header("webhook-signature") {
            return try verifyStandard(body: body, id: id, timestamp: timestamp, signature: signature, now: now)
        }
        if configuration.acceptsLegacySignature, let signature = header("x-webhook-signature"),
            let timestamp = header("x-webhook-timestamp")
        {
            return try verifyLegacy(body: body, timestamp: timestamp, signature: signature, now: now)
        }
        if configuration.acceptsV2Signature, let signature = header("x-webhook-signature"), signature.hasPrefix("sha256=") {
            return try verifyV2(body: body, signature: signature, now: now)
        }
        for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] where header(name) == nil {
            throw .missingHeader(name)
        }
        throw .invalidSignatureHeader
    }

    /// Verifies a delivery whose headers are in a ``LinqHTTPHeaders`` list.
    public func verify(body: Data, headers: LinqHTTPHeaders, now: Date) throws(WebhookVerificationError) -> VerifiedWebhook {
        try verify(body: body, now: now) { headers[$0] }
    }

    private func verifyStandard(
        body: Data, id: String, timestamp: String, signature: String, now: Date
    ) throws(WebhookVerificationError) -> VerifiedWebhook {
        guard signature.utf8.count <= configuration.maxSignatureHeaderBytes, id.utf8.count <= 1024 else { throw .headerTooLarge }
        let sent = try checkTimestamp(timestamp, now: now)
        let candidates = try Self.v1Signatures(in: signature, limit: configuration.maxSignatureEntries)
        guard !candidates.isEmpty else { throw .noMatchingSignature }
        var signed: [UInt8] = []
        signed.reserveCapacity(id.utf8.count + timestamp.utf8.count + body.count + 2)
        signed.append(contentsOf: id.utf8)
        signed.append(0x2E)
        signed.append(contentsOf: timestamp.utf8)
        signed.append(0x2E)
        signed.append(contentsOf: body)
        if let index = matchingSecret(candidates, signed: signed, now: now, key: \.standardKey) {
            return VerifiedWebhook(id: id, timestamp: sent, scheme: .standardWebhooks, secretIndex: index)
        }
        throw .noMatchingSignature
    }

    private func verifyLegacy(body: Data, timestamp: String, signature: String, now: Date) throws(WebhookVerificationError) -> VerifiedWebhook {
        guard signature.utf8.count <= configuration.maxSignatureHeaderBytes else { throw .headerTooLarge }
        let sent = try checkTimestamp(timestamp, now: now)
        guard let mac = Self.decodeHex(signature), mac.count == SHA256.byteCount else { throw .invalidSignatureHeader }
        var signed = Data(capacity: timestamp.utf8.count + body.count + 1)
        signed.append(contentsOf: timestamp.utf8)
        signed.append(0x2E)
        signed.append(body)
        if let index = matchingSecret([mac], signed: signed, now: now, key: \.legacyKey) {
            return VerifiedWebhook(id: nil, timestamp: sent, scheme: .legacyHex, secretIndex: index)
        }
        throw .noMatchingSignature
    }

    private func verifyV2(body: Data, signature: String, now: Date) throws(WebhookVerificationError) -> VerifiedWebhook {
        guard signature.utf8.count <= configuration.maxSignatureHeaderBytes else { throw .headerTooLarge }
        guard let mac = Self.decodeHex(String(signature.dropFirst(7))), mac.count == SHA256.byteCount else {
            throw .invalidSignatureHeader
        }
        if let index = matchingSecret([mac], signed: body, now: now, key: \.legacyKey) {
            return VerifiedWebhook(id: nil, timestamp: nil, scheme: .v2, secretIndex: index)
        }
        throw .noMatchingSignature
    }

    /// The decoded `v1` entries of a space-separated signature header; other versions and
    /// undecodable entries are skipped.
    private static func v1Signatures(in header: String, limit: Int) throws(WebhookVerificationError) -> [Data] {
        var candidates: [Data] = []
        var entries = 0
        for entry in header.utf8.split(separator: 0x20, omittingEmptySubsequences: true) {
            entries += 1
            guard entries <= limit else { throw .tooManySignatures }
            // "v1," then 44 base64 characters for a 32-byte HMAC-SHA256.
            guard entry.count == 47, entry.starts(with: [0x76, 0x31, 0x2C]) else { continue }
            guard let mac = Data(base64Encoded: Data(entry.dropFirst(3))), mac.count == SHA256.byteCount else { continue }
            candidates.append(mac)
        }
        return candidates
    }

    /// The index of the first active secret under which one candidate authenticates `signed`.
    private func matchingSecret(
        _ candidates: [Data], signed: some DataProtocol, now: Date, key: KeyPath<WebhookSecret, SymmetricKey>
    ) -> Int? {
        for (index, secret) in configuration.secrets.enumerated() where secret.isActive(at: now) {
            for candidate in candidates
            where HMAC<SHA256>.isValidAuthenticationCode(candidate, authenticating: signed, using: secret[keyPath: key]) {
                return index
            }
        }
        return nil
    }

    /// Reads a plain decimal Unix time (ASCII digits only) and checks it against the tolerance.
    private func checkTimestamp(_ text: String, now: Date) throws(WebhookVerificationError) -> Date {
        let utf8 = text.utf8
        guard (1...12).contains(utf8.count), utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int64(text) else {
            throw .invalidTimestamp
        }
        let tolerance = Double(configuration.tolerance.components.seconds)
        let difference = Double(seconds) - now.timeIntervalSince1970.rounded(.down)
        if difference < -tolerance { throw .timestampTooOld }
        if difference > tolerance { throw .timestampTooNew }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    private static func decodeHex(_ text: String) -> Data? {
        let bytes = Array(text.utf8)
        guard bytes.count % 2 == 0, bytes.count <= 256 else { return nil }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        var data = Data(capacity: bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }
}

/// What a successful verification established.
public struct VerifiedWebhook: Sendable, Hashable {
    /// How a delivery was signed.
    public enum Scheme: Sendable, Hashable {
        /// Standard Webhooks (`webhook-signature`).
        case standardWebhooks
        /// Deprecated V3 `X-Webhook-Signature` hex.
        case legacyHex
        /// Legacy V2 `X-Webhook-Signature: sha256=…` over the body only.
        case v2
    }

    /// The `webhook-id` (Standard Webhooks only); the envelope's `event_id` should equal it.
    public var id: String?
    /// When Linq signed the delivery (absent for V2).
    public var timestamp: Date?
    /// The scheme that matched.
    public var scheme: Scheme
    /// Which configured secret matched (0 is the first), to tell when an old secret can go.
    public var secretIndex: Int
}
