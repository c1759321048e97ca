/// The answer to `GET /v3/webhook-events`: every event type a subscription can name.
public struct WebhookEventTypeList: Codable, Hashable, Sendable {
    /// The event types, e.g. `message.received`.
    public var events: [WebhookEventType]
    /// Linq's page describing the events.
    public var docURL: String

    /// Creates a list.
    public init(events: [WebhookEventType], docURL: String) {
        self.events = events
        self.docURL = docURL
    }

    enum CodingKeys: String, CodingKey {
        case events
        case docURL = "doc_url"
    }
}
