/// The answer to `POST /v3/webhook-subscriptions`: the subscription plus its signing secret.
///
/// Store ``signingSecret`` now: Linq shows it only once and it cannot be changed.
public struct CreateWebhookSubscriptionResponse: Codable, Hashable, Sendable {
    /// The new subscription.
    public var subscription: WebhookSubscription
    /// The `whsec_…` secret that signs every delivery.
    public var signingSecret: String

    /// Creates a response.
    public init(subscription: WebhookSubscription, signingSecret: String) {
        self.subscription = subscription
        self.signingSecret = signingSecret
    }

    enum CodingKeys: String, CodingKey {
        case signingSecret = "signing_secret"
    }

    /// Decodes the flat JSON object into the subscription and the secret.
    public init(from decoder: any Decoder) throws {
        subscription = try WebhookSubscription(from: decoder)
        signingSecret = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .signingSecret)
    }

    /// Encodes one flat JSON object, as Linq sends it.
    public func encode(to encoder: any Encoder) throws {
        try subscription.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(signingSecret, forKey: .signingSecret)
    }
}
