import ArgumentParser
import AsyncHTTPClient
import Foundation
import LinqAPI
import LinqAPIAsyncHTTPClient
import NIOCore

/// The options of every command that calls Linq: the API key and the base URL.
struct ClientOptions: ParsableArguments {
    @Option(name: .customLong("api-key"), help: "The Linq API key (default: $LINQ_API_V3_API_KEY).")
    var apiKey: String?

    @Option(
        name: .customLong("base-url"),
        help: "The API base URL (default: $LINQ_API_V3_BASE_URL, else Linq's). For `linqbot simulator`: http://127.0.0.1:7700/api/partner."
    )
    var baseURL: String?

    @Option(name: .customLong("max-retries"), help: "Retries of a call that failed on the way or with 429/5xx (0 fails at once).")
    var maxRetries: Int = 2

    init() {}

    /// The client configuration: options first, then the environment.
    func configuration(environment: [String: String]) throws(CommandError) -> LinqClient.Configuration {
        let key = (apiKey ?? environment["LINQ_API_V3_API_KEY"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            throw CommandError("No API key: set LINQ_API_V3_API_KEY or pass --api-key.")
        }
        guard maxRetries >= 0 else { throw CommandError("--max-retries must be 0 or more, not \(maxRetries).") }
        var configuration = LinqClient.Configuration(apiKey: Secret(key), retry: RetryPolicy(maxRetries: maxRetries))
        let (text, source) = baseURL.map { ($0, "--base-url") } ?? (environment["LINQ_API_V3_BASE_URL"].map { ($0, "LINQ_API_V3_BASE_URL") } ?? ("", ""))
        if !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                configuration.baseURL = try LinqClient.Configuration.parseBaseURL(text.trimmingCharacters(in: .whitespaces), variable: source)
            } catch {
                throw CommandError(error.message)
            }
        }
        return configuration
    }

    /// Runs `body` with a client over AsyncHTTPClient, and shuts the transport down after.
    /// Client failures become a ``CommandError`` that says what `action` was.
    func withClient<T: Sendable>(
        environment: [String: String], action: String, _ body: (LinqClient) async throws -> T
    ) async throws(CommandError) -> T {
        let configuration = try configuration(environment: environment)
        // A server that refuses the connection fails the attempt at once (the client's retry
        // policy still applies) instead of being dialled again until the request's deadline.
        var http = HTTPClient.Configuration()
        http.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5))
        http.connectionPool.retryConnectionEstablishment = false
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
        let client = LinqClient(configuration: configuration, transport: AsyncHTTPClientTransport(httpClient: httpClient))
        let result: Result<T, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try? await httpClient.shutdown()
        switch result {
        case .success(let value): return value
        case .failure(let error as CommandError): throw error
        case .failure(let error): throw CommandError.linq(error, doing: action, baseURL: configuration.baseURL.absoluteString)
        }
    }
}
