import Foundation
public import Logging

/// A typed client for the Linq Partner API V3.
///
/// Endpoints are grouped by resource (`client.chats`, `client.messages`, …). Every call
/// sends the bearer token, retries transient failures per ``RetryPolicy``, and turns
/// error answers into ``LinqAPIError``. Calls that send a message or create a chat always
/// carry an idempotency key (yours, or one the client makes), the same on every retry.
///
/// ```swift
/// let client = LinqClient(
///     configuration: try .fromEnvironment(),
///     transport: AsyncHTTPClientTransport()
/// )
/// let chat = try await client.chats.create(
///     CreateChatRequest(from: "+15555550100", to: ["+15555550123"], message: .text("Hello!"))
/// )
/// ```
public struct LinqClient: Sendable {
    /// Where and how the client talks to Linq.
    public let configuration: Configuration
    let transport: any LinqTransport
    let clock: any Clock<Duration>
    let logger: Logger
    let interceptors: [any LinqClientInterceptor]
    let now: @Sendable () -> Date
    let random: @Sendable () -> Double

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: base URL, API key, timeout and retry policy.
    ///   - transport: what sends the HTTP requests.
    ///   - clock: the clock retries wait on; tests pass a test clock.
    ///   - logger: receives one debug line per attempt; the token is never logged.
    ///   - interceptors: run around every attempt, in order.
    public init(
        configuration: Configuration,
        transport: any LinqTransport,
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "linq.client"),
        interceptors: [any LinqClientInterceptor] = []
    ) {
        self.init(
            configuration: configuration, transport: transport, clock: clock, logger: logger, interceptors: interceptors,
            now: { Date() }, random: { Double.random(in: 0...1) }
        )
    }

    init(
        configuration: Configuration, transport: any LinqTransport, clock: any Clock<Duration>, logger: Logger,
        interceptors: [any LinqClientInterceptor], now: @escaping @Sendable () -> Date,
        random: @escaping @Sendable () -> Double
    ) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.interceptors = interceptors
        self.now = now
        self.random = random
    }

    /// The same client with `interceptor` run around every attempt, after the ones it has.
    public func intercepted(by interceptor: any LinqClientInterceptor) -> LinqClient {
        LinqClient(
            configuration: configuration, transport: transport, clock: clock, logger: logger, interceptors: interceptors + [interceptor],
            now: now, random: random
        )
    }

    /// The same client with another retry policy (``RetryPolicy/none`` for a caller that
    /// retries durably on its own).
    public func retrying(_ policy: RetryPolicy) -> LinqClient {
        var configuration = self.configuration
        configuration.retry = policy
        return LinqClient(configuration: configuration, transport: transport, clock: clock, logger: logger, interceptors: interceptors, now: now, random: random)
    }

    /// The same client with `metadata` on every line it logs, e.g. the chat and event a call is
    /// made for, so a Linq call can be traced back to the webhook that caused it.
    public func logging(_ metadata: Logger.Metadata) -> LinqClient {
        let logger = self.logger.scoped(metadata)
        return LinqClient(configuration: configuration, transport: transport, clock: clock, logger: logger, interceptors: interceptors, now: now, random: random)
    }

    /// A key for a call that must not run twice: `idempotencyKey` when given, else a new random one.
    public func idempotencyKey(_ provided: String? = nil) -> String {
        if let provided, !provided.isEmpty { return provided }
        return IdempotencyKey.random()
    }
}

/// Code that runs around every HTTP attempt of a ``LinqClient`` (metrics, tracing, test faults).
///
/// ```swift
/// struct CountingInterceptor: LinqClientInterceptor {
///     func intercept(_ request: LinqHTTPRequest, attempt: Int,
///                    next: @Sendable (LinqHTTPRequest) async throws -> LinqHTTPResponse) async throws -> LinqHTTPResponse {
///         let response = try await next(request)
///         counter.increment()
///         return response
///     }
/// }
/// ```
public protocol LinqClientInterceptor: Sendable {
    /// Handles one attempt; call `next` to continue, or return a response of your own.
    func intercept(
        _ request: LinqHTTPRequest, attempt: Int,
        next: @Sendable (LinqHTTPRequest) async throws -> LinqHTTPResponse
    ) async throws -> LinqHTTPResponse
}
