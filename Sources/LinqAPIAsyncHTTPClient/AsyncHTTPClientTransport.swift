public import AsyncHTTPClient
import Foundation
public import LinqAPI
import NIOCore
import NIOHTTP1
import Tracing

/// The production ``LinqTransport``: HTTP/1.1 and HTTP/2 over async-http-client.
///
/// ```swift
/// let transport = AsyncHTTPClientTransport()          // its own HTTPClient, 5 s connect timeout
/// let client = LinqClient(configuration: try .fromEnvironment(), transport: transport)
/// …
/// try await transport.shutdown()
/// ```
///
/// The per-request timeout comes from ``LinqClient/Configuration/timeout`` (20 s by default).
public final class AsyncHTTPClientTransport: LinqTransport {
    /// The HTTP client used.
    public let httpClient: HTTPClient
    private let ownsClient: Bool
    private let maxResponseBytes: Int

    /// Uses an HTTP client you own and shut down yourself.
    public init(httpClient: HTTPClient, maxResponseBytes: Int = 16 * 1024 * 1024) {
        self.httpClient = httpClient
        self.ownsClient = false
        self.maxResponseBytes = maxResponseBytes
    }

    /// Creates and owns an HTTP client on the shared event loop group; call ``shutdown()`` when done.
    /// `connectionsPerHost` bounds the HTTP/1 connections open to one host at once (requests
    /// beyond it wait for one, at most `connectTimeout`).
    public init(connectTimeout: Duration = .seconds(5), connectionsPerHost: Int = 8, maxResponseBytes: Int = 16 * 1024 * 1024) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .init(connectTimeout))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
        // `LinqClient` makes each call's client span itself. With no tracer bootstrapped,
        // async-http-client would still build a span of its own for every request, parsing the
        // URL again to describe it, all for a tracer that drops it.
        if InstrumentationSystem.tracer is NoOpTracer { configuration.tracing.tracer = nil }
        self.httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.ownsClient = true
        self.maxResponseBytes = maxResponseBytes
    }

    /// Shuts the HTTP client down when this transport created it.
    public func shutdown() async throws {
        if ownsClient { try await httpClient.shutdown() }
    }

    /// Performs one request.
    public func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await httpClient.execute(outgoing, timeout: .init(request.timeout))
            var buffer = try await response.body.collect(upTo: maxResponseBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return LinqHTTPResponse(
                status: Int(response.status.code),
                headers: LinqHTTPHeaders(response.headers.map { ($0.name, $0.value) }),
                body: Data(bytes)
            )
        } catch let error as HTTPClientError {
            switch error {
            case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout:
                throw LinqTransportError(.timeout, detail: "\(error)")
            default:
                throw LinqTransportError(.connection, detail: "\(error)")
            }
        } catch let error as CancellationError {
            throw error
        } catch {
            throw LinqTransportError(.connection, detail: "\(error)")
        }
    }
}
