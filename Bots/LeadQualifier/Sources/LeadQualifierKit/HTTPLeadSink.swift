public import Foundation
public import LinqBotHost

/// Posts each lead summary as JSON (snake_case keys, ISO-8601 times) to a URL; any answer but
/// 2xx is an error (``BusinessWebhookError``), so the event is retried.
public struct HTTPLeadSink: LeadSink {
    /// Where summaries are posted.
    public let webhook: BusinessWebhook

    /// Creates a sink posting to `url`.
    public init(url: URL) {
        self.webhook = BusinessWebhook(url: url)
    }

    /// Posts `summary`.
    public func deliver(_ summary: LeadSummary) async throws { try await webhook.post(summary) }
}
