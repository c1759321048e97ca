public import LinqModels

extension LinqClient {
    /// The webhook event types resource: `/v3/webhook-events`.
    public var webhookEvents: WebhookEvents { WebhookEvents(client: self) }

    /// Webhook event types.
    public struct WebhookEvents: Sendable {
        let client: LinqClient

        /// Every event type a subscription can name: `GET /v3/webhook-events`.
        public func list() async throws -> WebhookEventTypeList {
            try await client.execute(.get(["v3", "webhook-events"]), as: WebhookEventTypeList.self)
        }
    }
}
