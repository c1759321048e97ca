public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1

/// Tells the business about something the bot did (a qualified lead, an appointment outcome):
/// POSTs a value as JSON (ISO-8601 times, sorted keys) to a URL. Any answer but 2xx throws, so
/// the event that posted it is retried.
///
/// ```swift
/// let hook = BusinessWebhook(url: URL(string: "https://crm.example.com/hooks/leads")!)
/// try await hook.post(summary)
/// ```
public struct BusinessWebhook: Sendable {
    /// Where values are posted.
    public var url: URL
    private let client: HTTPClient

    /// Creates a webhook posting to `url` through `client`.
    public init(url: URL, client: HTTPClient = .shared) {
        self.url = url
        self.client = client
    }

    /// Posts `value`; waits at most 10 s for the answer.
    public func post(_ value: some Encodable) async throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try encoder.encode(value)))
        let response = try await client.execute(request, timeout: .seconds(10))
        guard (200..<300).contains(response.status.code) else { throw BusinessWebhookError(status: Int(response.status.code), url: url) }
    }
}

/// The business's URL answered with an error status.
public struct BusinessWebhookError: Error, Sendable, Hashable {
    /// The status it answered.
    public var status: Int
    /// The URL.
    public var url: URL
}
