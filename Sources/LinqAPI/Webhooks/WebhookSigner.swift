import Crypto
public import Foundation

/// Signs webhook deliveries the way Linq does, with both header sets.
///
/// The local simulator and tests use it to produce deliveries a ``WebhookVerifier`` accepts.
public struct WebhookSigner: Sendable {
    private let secret: WebhookSecret

    /// Creates a signer for one secret.
    public init(secret: WebhookSecret) { self.secret = secret }

    /// The Standard Webhooks signature header value: `v1,<base64>`.
    public func standardSignature(id: String, timestamp: Int64, body: Data) -> String {
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: secret.standardKey)
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The deprecated `X-Webhook-Signature` value: lowercase hex over `timestamp.body`.
    public func legacySignature(timestamp: Int64, body: Data) -> String {
        var signed = Data("\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: secret.legacyKey)
        return mac.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Both header sets for one delivery, as Linq sends them.
    public func headers(
        id: String, timestamp: Int64, body: Data, eventType: String, subscriptionID: String
    ) -> LinqHTTPHeaders {
        [
            "content-type": "application/json",
            "webhook-id": id,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": standardSignature(id: id, timestamp: timestamp, body: body),
            "X-Webhook-Event": eventType,
            "X-Webhook-Subscription-ID": subscriptionID,
            "X-Webhook-Timestamp": String(timestamp),
            "X-Webhook-Signature": legacySignature(timestamp: timestamp, body: body),
        ]
    }
}
