/// Why a webhook delivery was not accepted. Never a crash: every malformed input ends here.
public struct WebhookVerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case missingHeader(String)
        case invalidTimestamp
        case timestampTooOld
        case timestampTooNew
        case invalidSignatureHeader
        case tooManySignatures
        case headerTooLarge
        case noMatchingSignature
    }
    private let code: Code

    /// A required header is absent (`webhook-id`, `webhook-timestamp` or `webhook-signature`).
    public static func missingHeader(_ name: String) -> Self { Self(code: .missingHeader(name)) }
    /// The timestamp is not a plain decimal count of seconds.
    public static let invalidTimestamp = Self(code: .invalidTimestamp)
    /// The timestamp is further in the past than the tolerance.
    public static let timestampTooOld = Self(code: .timestampTooOld)
    /// The timestamp is further in the future than the tolerance.
    public static let timestampTooNew = Self(code: .timestampTooNew)
    /// The signature header holds nothing that could be a signature.
    public static let invalidSignatureHeader = Self(code: .invalidSignatureHeader)
    /// The signature header holds more entries than allowed.
    public static let tooManySignatures = Self(code: .tooManySignatures)
    /// A signature header is longer than allowed (answer 431).
    public static let headerTooLarge = Self(code: .headerTooLarge)
    /// No signature matches the body under any active secret.
    public static let noMatchingSignature = Self(code: .noMatchingSignature)

    /// The HTTP status to answer: 431 for oversized headers, else 401.
    public var httpStatus: Int { code == .headerTooLarge ? 431 : 401 }

    /// A short explanation, safe to log and to return to the sender.
    public var description: String {
        switch code {
        case .missingHeader(let name): "missing header \(name)"
        case .invalidTimestamp: "webhook timestamp is not a Unix time in seconds"
        case .timestampTooOld: "webhook timestamp too old"
        case .timestampTooNew: "webhook timestamp too new"
        case .invalidSignatureHeader: "webhook signature header is malformed"
        case .tooManySignatures: "webhook signature header has too many entries"
        case .headerTooLarge: "webhook signature header too large"
        case .noMatchingSignature: "no webhook signature matches"
        }
    }
}
