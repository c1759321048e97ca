import Foundation
import HTTPTypes
import LinqAPI
public import Hummingbird
public import LinqBot
public import Logging
import NIOCore
public import Prometheus
public import ServiceLifecycle

/// Hosts a bot application's HTTP side on Hummingbird: the webhook route (into the
/// application's ingress), `/healthz`, `/readyz`, when given a registry `/metrics` in the
/// Prometheus text format, and when given an admin configuration the ``AdminAPI`` under `/admin`.
///
/// ```swift
/// let app = BotApplication(bot: bot, store: store, client: client, verifier: verifier)
/// let server = BotServer(application: app, configuration: .init(port: 8080))
/// try await ServiceGroup(services: [app, server], gracefulShutdownSignals: [.sigterm], logger: logger).run()
/// ```
public struct BotServer: ServiceLifecycle.Service {
    /// Where and how the server listens.
    public struct Configuration: Sendable {
        /// The address (keep loopback unless a proxy fronts the bot).
        public var host: String
        /// The port (0 picks a free one).
        public var port: Int
        /// The webhook path Linq posts to.
        public var webhookPath: String
        /// The registry `/metrics` exposes (``BotMetrics/prometheus()`` for swift-metrics);
        /// `nil` leaves the route out.
        public var metrics: PrometheusCollectorRegistry?
        /// The bearer token and limits of the admin API; `nil` (the default) leaves `/admin` out.
        public var admin: AdminAPI.Configuration?

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1", port: Int = 8080, webhookPath: String = "/webhooks/linq", metrics: PrometheusCollectorRegistry? = nil,
            admin: AdminAPI.Configuration? = nil
        ) {
            self.host = host
            self.port = port
            self.webhookPath = webhookPath
            self.metrics = metrics
            self.admin = admin
        }
    }

    let application: BotApplication
    let configuration: Configuration
    let logger: Logger
    let onStarted: @Sendable (Int) async -> Void

    /// Creates a server for `application`; `onStarted` receives the bound port once it listens.
    public init(
        application: BotApplication, configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "linqbot.server"), onStarted: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.application = application
        self.configuration = configuration
        self.logger = logger
        self.onStarted = onStarted
    }

    /// Builds the router (also used by tests without sockets).
    public func makeRouter() -> Hummingbird.Router<BasicRequestContext> {
        let router = Hummingbird.Router()
        let application = self.application
        let store = application.store
        let limit = application.ingress.configuration.maxBodyBytes
        router.post(RouterPath(configuration.webhookPath)) { request, _ -> Response in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: limit)
            } catch {
                return Self.json(413, ["status": "rejected", "reason": "body larger than \(limit) bytes"])
            }
            let headers = request.headers
            let outcome = await application.receive(body: Data(body.readableBytesView)) { name in
                HTTPField.Name(name).flatMap { headers[$0] }
            }
            if outcome.status == 200, let answer = Self.acknowledgements[outcome.reason] { return Self.response(200, answer) }
            return Self.json(outcome.status, ["status": outcome.status < 300 ? "ok" : "rejected", "reason": outcome.reason])
        }
        router.get("/healthz") { _, _ in Self.json(200, ["status": "ok"]) }
        router.get("/readyz") { _, _ -> Response in
            do {
                let pending = try await store.pendingCount()
                return Self.json(200, ["status": "ready", "pending": "\(pending)"])
            } catch {
                return Self.json(503, ["status": "unavailable", "reason": "\(error)"])
            }
        }
        if let registry = configuration.metrics {
            router.get("/metrics") { _, _ -> Response in
                var buffer: [UInt8] = []
                buffer.reserveCapacity(4096)
                registry.emit(into: &buffer)
                var headers = HTTPFields()
                headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
            }
        }
        if let admin = configuration.admin {
            AdminAPI(application: application, configuration: admin, logger: logger).mount(on: router)
        }
        return router
    }

    /// Listens until graceful shutdown.
    public func run() async throws {
        let onStarted = self.onStarted
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "LinqBot"),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        do {
            try await app.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw LinqConfigurationError(
                "the bot cannot listen on \(configuration.host):\(configuration.port): another process uses that port; stop it or set LINQBOT_PORT to a free port"
            )
        }
    }

    static func json(_ status: Int, _ fields: [String: String]) -> Response {
        response(status, encoded(fields))
    }

    /// The answers to a delivery stored or already stored, encoded once: they are nearly all
    /// of the webhook traffic.
    static let acknowledgements: [String: ByteBuffer] = Dictionary(
        uniqueKeysWithValues: ["stored", "duplicate"].map { ($0, encoded(["status": "ok", "reason": $0])) }
    )

    private static func encoded(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8))
    }

    private static func response(_ status: Int, _ body: ByteBuffer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: body))
    }
}
