/// The answer to `GET /v3/webhook-subscriptions`.
public struct WebhookSubscriptionList: Codable, Hashable, Sendable {
    /// Every subscription on the account.
    public var subscriptions: [WebhookSubscription]

    /// Creates a list.
    public init(subscriptions: [WebhookSubscription]) {
        self.subscriptions = subscriptions
    }

    enum CodingKeys: String, CodingKey { case subscriptions }
}
