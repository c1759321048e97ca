import Foundation
import LinqAPI
import LinqAPIAsyncHTTPClient
import LinqBot
import LinqBotHost
import LinqBotPostgres
import LinqBotServer
import LinqFixtures
import LinqModels
import Logging
import Testing

@Suite struct BotServerTests {
    @Test("the webhook route stores signed deliveries and refuses bad ones; health and readiness answer")
    func routesOverHTTP() async throws {
        let secret = "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s="
        let store = InMemoryBotStore()
        let now = Date(timeIntervalSince1970: 1_773_157_330)
        let app = try ServerTestApplication.make(secret: secret, store: store, now: { now })
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let server = BotServer(
            application: app, configuration: .init(port: 0, metrics: BotMetrics.prometheus()),
            logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        ) { sink.yield($0) }
        let running = Task { try await server.run() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let transport = AsyncHTTPClientTransport()
        func call(_ method: LinqHTTPMethod, _ path: String, body: Data? = nil, headers: LinqHTTPHeaders = [:]) async throws -> Int {
            try await transport.send(LinqHTTPRequest(method: method, url: URL(string: "http://127.0.0.1:\(port)\(path)")!, headers: headers, body: body)).status
        }
        let body = try Fixtures.data("linq-webhooks/message.received.2026-02-03.json")
        let signed = WebhookSigner(secret: try WebhookSecret(secret)).headers(
            id: "a1c3e5f7-2b4d-4f6a-9e8c-0d2b4f6a8c13", timestamp: 1_773_157_328, body: body, eventType: "message.received", subscriptionID: "s"
        )
        #expect(try await call(.post, "/webhooks/linq", body: body, headers: signed) == 200)
        #expect(try await call(.post, "/webhooks/linq", body: body, headers: signed) == 200)
        #expect(try await store.pendingCount() == 1)
        #expect(try await call(.post, "/webhooks/linq", body: body) == 401)
        #expect(try await call(.post, "/webhooks/linq", body: Data(count: 300 * 1024), headers: signed) == 413)
        #expect(try await call(.get, "/healthz") == 200)
        #expect(try await call(.get, "/readyz") == 200)
        let metrics = try await transport.send(LinqHTTPRequest(method: .get, url: URL(string: "http://127.0.0.1:\(port)/metrics")!, headers: [:], body: nil))
        let text = String(decoding: metrics.body, as: UTF8.self)
        #expect(metrics.status == 200)
        #expect(text.contains(#"linqbot_webhooks_total{status="200"}"#) && text.contains(#"linqbot_webhooks_total{status="401"}"#), "\(text)")
        #expect(text.contains("linqbot_webhook_ack_seconds"))
        try await transport.shutdown()
    }

    @Test("a port another process holds fails the start with what to change, not a bare bind error")
    func portInUse() async throws {
        let app = try ServerTestApplication.make(secret: "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s=", store: InMemoryBotStore(), now: { Date() })
        let logger = Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let first = BotServer(application: app, configuration: .init(port: 0, metrics: BotMetrics.prometheus()), logger: logger) { sink.yield($0) }
        let running = Task { try await first.run() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let second = BotServer(application: app, configuration: .init(port: port, metrics: BotMetrics.prometheus()), logger: logger) { _ in }
        let error = await #expect(throws: LinqConfigurationError.self) { try await second.run() }
        #expect(error?.message.contains("127.0.0.1:\(port)") == true && error?.message.contains("LINQBOT_PORT") == true, "\(String(describing: error))")
    }

    @Test("the host reads its settings from the environment and says what to fix")
    func hostConfiguration() throws {
        let local = try BotHost.Configuration.fromEnvironment([:])
        guard case .local(let lines, let port) = local.mode else { Issue.record("expected local mode"); return }
        #expect(lines == ["+15555550100"] && port == 7700)
        #expect(local.database == .sqlite(path: ".linqbot/bot.sqlite"))
        #expect(local.port == 8080)
        #expect(local.application.drainTimeout == .seconds(5))
        #expect(try BotHost.Configuration.fromEnvironment(["LINQBOT_DRAIN_TIMEOUT": "25"]).application.drainTimeout == .seconds(25))
        #expect(throws: LinqConfigurationError.self) { try BotHost.Configuration.fromEnvironment(["LINQ_API_V3_API_KEY": "k"]) }
        let remote = try BotHost.Configuration.fromEnvironment([
            "LINQ_API_V3_API_KEY": "k", "LINQ_WEBHOOK_SECRET": "whsec_9vCKleXNfOdy17FCNyY6zhO+AEdLW2fwDLoyEtclV5s=",
            "LINQBOT_DATABASE_URL": "memory:", "LINQBOT_PORT": "9000",
        ])
        guard case .remote = remote.mode else { Issue.record("expected remote mode"); return }
        #expect(remote.database == .memory && remote.port == 9000)
        let postgres = try BotHost.Configuration.fromEnvironment(["LINQBOT_DATABASE_URL": "postgres://bot:s3cret@db.internal:6543/linq?sslmode=require"])
        guard case .postgres(let settings) = postgres.database else { Issue.record("expected a PostgreSQL store"); return }
        #expect(settings.host == "db.internal" && settings.port == 6543 && settings.username == "bot" && settings.database == "linq")
        #expect(postgres.database.description == "postgres://bot:***@db.internal:6543/linq?sslmode=require", "the banner hides the password")
        let long = try BotHost.Configuration.fromEnvironment(["LINQBOT_DATABASE_URL": "postgresql://bot@127.0.0.1/linq"])
        #expect(long.database == .postgres(try PostgresBotStore.Configuration(url: "postgres://bot@127.0.0.1/linq")))
        for bad in [
            ["LINQBOT_DATABASE_URL": "postgres://x"], ["LINQBOT_DATABASE_URL": "postgres://u:p@h/d?sslmode=maybe"],
            ["LINQBOT_DATABASE_URL": "mysql://x"], ["LINQBOT_PORT": "99999"], ["LINQBOT_LINES": "555-0100"], ["LINQBOT_DRAIN_TIMEOUT": "0"],
        ] {
            #expect(throws: LinqConfigurationError.self) { try BotHost.Configuration.fromEnvironment(bad) }
        }
    }

    @Test("trace export: on with an OTLP endpoint, the traces endpoint first; off when disabled; a bad URL or gRPC says what to fix")
    func traceExportConfiguration() throws {
        #expect(try BotHost.Configuration.fromEnvironment([:]).traceExport == nil)
        let shared = try BotHost.Configuration.fromEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]).traceExport
        #expect(shared == TraceExport(endpoint: "http://collector:4318", endpointVariable: "OTEL_EXPORTER_OTLP_ENDPOINT"))
        let traces = try TraceExport.fromEnvironment([
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "https://traces.example.com/v1/traces",
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
        ])
        #expect(traces?.endpointVariable == "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" && traces?.endpoint == "https://traces.example.com/v1/traces")
        #expect(try TraceExport.fromEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_TRACES_EXPORTER": "none"]) == nil)
        #expect(try TraceExport.fromEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_SDK_DISABLED": "true"]) == nil)
        for bad in [
            ["OTEL_EXPORTER_OTLP_ENDPOINT": "collector:4318"], ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "ftp://c/v1/traces"],
            ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4317", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"],
        ] {
            #expect(throws: LinqConfigurationError.self) { try BotHost.Configuration.fromEnvironment(bad) }
        }
        #expect {
            try TraceExport.fromEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": "localhost"])
        } throws: { "\($0)".contains("OTEL_EXPORTER_OTLP_ENDPOINT is \"localhost\"") }
    }
}
