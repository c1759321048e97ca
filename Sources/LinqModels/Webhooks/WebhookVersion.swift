/// The payload version of a webhook delivery (`webhook_version`).
///
/// Only `message.sent/received/delivered/read` differ between versions; LinqBot
/// normalises both into ``MessageEvent``. Versions Linq adds later are kept.
public struct WebhookVersion: LinqStringValue {
    /// The raw value as Linq spells it, e.g. `2026-02-03`.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The legacy layout: message fields nested under `message`, `is_from_me`, `from_handle`.
    public static let v2025_01_01 = WebhookVersion(rawValue: "2025-01-01")
    /// The current layout: flat message fields, `direction`, `sender_handle`, nested `chat`.
    public static let v2026_02_03 = WebhookVersion(rawValue: "2026-02-03")
    /// The newest version LinqBot knows.
    public static let latest = v2026_02_03
}
