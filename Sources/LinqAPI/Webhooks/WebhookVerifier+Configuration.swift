public import Foundation

extension WebhookVerifier {
    /// The settings of a ``WebhookVerifier``.
    public struct Configuration: Sendable {
        /// Secrets tried in order: the current one first, then previous ones during rotation.
        public var secrets: [WebhookSecret]
        /// How far a timestamp may be from now, in the past or the future.
        public var tolerance: Duration
        /// Whether the deprecated `X-Webhook-Signature` hex scheme is accepted (off by default).
        public var acceptsLegacySignature: Bool
        /// Whether the V2 `sha256=` scheme is accepted (off by default; it has no timestamp).
        public var acceptsV2Signature: Bool
        /// The longest signature header read; longer ones are answered 431.
        public var maxSignatureHeaderBytes: Int
        /// The most signature entries read from one header.
        public var maxSignatureEntries: Int

        /// Creates a configuration.
        public init(
            secrets: [WebhookSecret], tolerance: Duration = .seconds(300), acceptsLegacySignature: Bool = false,
            acceptsV2Signature: Bool = false, maxSignatureHeaderBytes: Int = 8192, maxSignatureEntries: Int = 10
        ) {
            self.secrets = secrets
            self.tolerance = tolerance
            self.acceptsLegacySignature = acceptsLegacySignature
            self.acceptsV2Signature = acceptsV2Signature
            self.maxSignatureHeaderBytes = maxSignatureHeaderBytes
            self.maxSignatureEntries = maxSignatureEntries
        }

        /// Reads `LINQ_WEBHOOK_SECRET` (comma-separated for rotation, current first) and
        /// `LINQ_WEBHOOK_LEGACY_SIGNATURES=1` to accept the deprecated hex scheme.
        public static func fromEnvironment(
            _ environment: [String: String] = ProcessInfo.processInfo.environment
        ) throws(WebhookSecretError) -> Configuration {
            guard let text = environment["LINQ_WEBHOOK_SECRET"], !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw WebhookSecretError("LINQ_WEBHOOK_SECRET is not set: set it to the subscription's whsec_… signing secret.")
            }
            var secrets: [WebhookSecret] = []
            for part in text.split(separator: ",") {
                do {
                    secrets.append(try WebhookSecret(String(part)))
                } catch {
                    throw WebhookSecretError("LINQ_WEBHOOK_SECRET entry \(secrets.count + 1): \(error.message)")
                }
            }
            let legacy = ["1", "true", "yes"].contains(environment["LINQ_WEBHOOK_LEGACY_SIGNATURES"]?.lowercased() ?? "")
            return Configuration(secrets: secrets, acceptsLegacySignature: legacy)
        }
    }
}
