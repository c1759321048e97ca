public import Foundation

extension LinqClient {
    /// Where and how a ``LinqClient`` talks to Linq.
    public struct Configuration: Sendable {
        /// Linq's production base URL: `https://api.linqapp.com/api/partner`.
        public static let productionBaseURL = URL(string: "https://api.linqapp.com/api/partner")!

        /// The base URL; paths (`/v3/…`) are appended to it.
        public var baseURL: URL
        /// The API key, sent as `Authorization: Bearer …`.
        public var apiKey: Secret
        /// How long one attempt may take.
        public var timeout: Duration
        /// How failed attempts are retried.
        public var retry: RetryPolicy
        /// Header fields added to every request (`LINQ_API_V3_CUSTOM_HEADERS`).
        public var extraHeaders: LinqHTTPHeaders
        /// The `User-Agent` sent.
        public var userAgent: String

        /// Creates a configuration.
        public init(
            apiKey: Secret,
            baseURL: URL = Configuration.productionBaseURL,
            timeout: Duration = .seconds(20),
            retry: RetryPolicy = .default,
            extraHeaders: LinqHTTPHeaders = [:],
            userAgent: String = "LinqBot-Swift/0.1"
        ) {
            self.apiKey = apiKey
            self.baseURL = baseURL
            self.timeout = timeout
            self.retry = retry
            self.extraHeaders = extraHeaders
            self.userAgent = userAgent
        }
    }
}

/// A configuration that cannot work, with what to change.
public struct LinqConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// What is wrong and how to fix it.
    public var description: String { message }
}
