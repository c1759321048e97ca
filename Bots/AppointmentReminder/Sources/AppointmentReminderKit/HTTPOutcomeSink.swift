public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1

/// Posts each outcome as JSON (snake_case keys, ISO-8601 times) to a URL; any answer but 2xx is
/// an error, so the event is retried.
public struct HTTPOutcomeSink: OutcomeSink {
    /// Where outcomes are posted.
    public var url: URL
    private let client: HTTPClient

    /// Creates a sink posting to `url` through `client`.
    public init(url: URL, client: HTTPClient = .shared) {
        self.url = url
        self.client = client
    }

    /// Posts `outcome`.
    public func deliver(_ outcome: AppointmentOutcome) async throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try encoder.encode(outcome)))
        let response = try await client.execute(request, timeout: .seconds(10))
        guard (200..<300).contains(response.status.code) else { throw OutcomeSinkError(status: Int(response.status.code), url: url) }
    }
}

/// The outcome URL answered with an error status.
public struct OutcomeSinkError: Error, Sendable, Hashable {
    /// The status it answered.
    public var status: Int
    /// The URL.
    public var url: URL
}
