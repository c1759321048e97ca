public import LinqModels

extension LinqClient {
    /// The webhook subscriptions resource: `/v3/webhook-subscriptions`.
    public var webhookSubscriptions: WebhookSubscriptions { WebhookSubscriptions(client: self) }

    /// Webhook subscriptions: create, list, get, update, delete.
    public struct WebhookSubscriptions: Sendable {
        let client: LinqClient

        /// Creates a subscription: `POST /v3/webhook-subscriptions`.
        ///
        /// The answer's `signingSecret` is shown only this once; store it.
        public func create(_ request: CreateWebhookSubscriptionRequest) async throws -> CreateWebhookSubscriptionResponse {
            try await client.execute(
                .json(.post, ["v3", "webhook-subscriptions"], body: request), as: CreateWebhookSubscriptionResponse.self
            )
        }

        /// Every subscription: `GET /v3/webhook-subscriptions`.
        public func list() async throws -> WebhookSubscriptionList {
            try await client.execute(.get(["v3", "webhook-subscriptions"]), as: WebhookSubscriptionList.self)
        }

        /// One subscription: `GET /v3/webhook-subscriptions/{id}`.
        public func get(_ subscriptionID: WebhookSubscriptionID) async throws -> WebhookSubscription {
            try await client.execute(.get(["v3", "webhook-subscriptions", subscriptionID.rawValue]), as: WebhookSubscription.self)
        }

        /// Changes a subscription: `PUT /v3/webhook-subscriptions/{id}`.
        public func update(
            _ subscriptionID: WebhookSubscriptionID, _ request: UpdateWebhookSubscriptionRequest
        ) async throws -> WebhookSubscription {
            try await client.execute(
                .json(.put, ["v3", "webhook-subscriptions", subscriptionID.rawValue], body: request), as: WebhookSubscription.self
            )
        }

        /// Deletes a subscription: `DELETE /v3/webhook-subscriptions/{id}`.
        public func delete(_ subscriptionID: WebhookSubscriptionID) async throws {
            _ = try await client.execute(.call(.delete, ["v3", "webhook-subscriptions", subscriptionID.rawValue]))
        }
    }
}
