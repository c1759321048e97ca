import Foundation
import LinqAPI
import OTel
import ServiceLifecycle
import Tracing

/// Sends the bot's spans (webhook, event, handler, each outbound action and each Linq call) to
/// an OpenTelemetry collector over OTLP/HTTP, with swift-otel.
///
/// ``BotHost`` turns it on when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
/// `OTEL_EXPORTER_OTLP_ENDPOINT` is set; the rest of swift-otel's `OTEL_*` variables apply as
/// usual (`OTEL_SERVICE_NAME`, default the bot's id; `OTEL_EXPORTER_OTLP_PROTOCOL`,
/// `http/protobuf` or `http/json`; `OTEL_EXPORTER_OTLP_HEADERS`; `OTEL_BSP_SCHEDULE_DELAY`; the
/// sampler). Only traces go there: metrics stay on `/metrics` and logs on standard output.
///
/// Tracing has one backend per process: a bot that bootstraps `InstrumentationSystem` itself
/// leaves these variables unset.
public struct TraceExport: Sendable, Equatable {
    /// The variable that turned export on and its value, for messages.
    public var endpointVariable: String
    /// The collector's URL as given.
    public var endpoint: String

    /// Creates an export to `endpoint`, named as if read from `endpointVariable`.
    public init(endpoint: String, endpointVariable: String = "OTEL_EXPORTER_OTLP_ENDPOINT") {
        self.endpoint = endpoint
        self.endpointVariable = endpointVariable
    }

    /// The export the environment asks for, or `nil` when no OTLP endpoint is set (or
    /// `OTEL_TRACES_EXPORTER` is `none`, or `OTEL_SDK_DISABLED` is `true`). Throws a message naming
    /// the variable to fix.
    public static func fromEnvironment(_ environment: [String: String]) throws -> TraceExport? {
        let named = ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"]
            .lazy.compactMap { name in environment[name].flatMap { $0.isEmpty ? nil : (name, $0) } }.first
        guard let (variable, endpoint) = named else { return nil }
        if environment["OTEL_TRACES_EXPORTER"]?.lowercased() == "none" || environment["OTEL_SDK_DISABLED"]?.lowercased() == "true" {
            return nil
        }
        guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw LinqConfigurationError("\(variable) is \"\(endpoint)\"; use the collector's http(s) URL, such as http://127.0.0.1:4318.")
        }
        for name in ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            guard ["http/protobuf", "http/json"].contains(value) else {
                throw LinqConfigurationError("\(name) is \"\(value)\"; LinqBot exports over HTTP: use http/protobuf (the default) or http/json.")
            }
            break
        }
        return TraceExport(endpoint: endpoint, endpointVariable: variable)
    }

    /// Bootstraps the process's tracer with swift-otel's OTLP exporter (reading the process's
    /// `OTEL_*` variables) and returns the service that batches and sends the spans; run it in the
    /// service group, before the services whose spans it sends, so that it flushes last.
    func start(serviceName: String) throws -> any Service {
        var configuration = OTel.Configuration.default
        configuration.serviceName = serviceName
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        do {
            let backend = try OTel.makeTracingBackend(configuration: configuration)
            InstrumentationSystem.bootstrap(backend.factory)
            return backend.service
        } catch {
            throw LinqConfigurationError("\(endpointVariable) is set, but its OTLP exporter cannot be made: \(error)")
        }
    }
}
