import AsyncHTTPClient
import NIOCore

/// Helpers for servers and clients on 127.0.0.1.
enum Loopback {
    /// An HTTP client whose pool may open `connections` connections per host, so the client's
    /// own queue never becomes the bottleneck of a latency measurement.
    static func makeClient(connections: Int = 64) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Tells a waiting benchmark the port a server bound (servers listen on port 0).
    struct PortSignal: Sendable {
        private let stream: AsyncStream<Int>
        private let continuation: AsyncStream<Int>.Continuation

        init() {
            (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        }

        /// Pass as the server's `onStarted`.
        var onStarted: @Sendable (Int) async -> Void {
            let continuation = self.continuation
            return { continuation.yield($0) }
        }

        /// Call when the server's `run()` ended, so a waiter never hangs on a server that failed.
        func finish() { continuation.finish() }

        /// The bound port; throws when the server stopped before listening.
        func port() async throws -> Int {
            for await port in stream { return port }
            throw BenchmarkFailure("the server stopped before it listened")
        }
    }
}
