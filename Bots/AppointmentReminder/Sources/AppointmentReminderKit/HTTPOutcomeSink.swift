public import Foundation
public import LinqBotHost

/// Posts each outcome as JSON (snake_case keys, ISO-8601 times) to a URL; any answer but 2xx
/// is an error (``BusinessWebhookError``), so the event is retried.
public struct HTTPOutcomeSink: OutcomeSink {
    /// Where outcomes are posted.
    public let webhook: BusinessWebhook

    /// Creates a sink posting to `url`.
    public init(url: URL) {
        self.webhook = BusinessWebhook(url: url)
    }

    /// Posts `outcome`.
    public func deliver(_ outcome: AppointmentOutcome) async throws { try await webhook.post(outcome) }
}
