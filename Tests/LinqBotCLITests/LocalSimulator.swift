import Foundation
import LinqAPI
import LinqModels
import LinqSimulator
import Logging

/// A LinqSimulator served over HTTP on a free port of 127.0.0.1 for the length of a test.
struct LocalSimulator {
    static let apiKey = "sim_local_key"
    static let line = "+15555550100"
    static let person = "+15555550123"

    let simulator: LinqSimulator
    let port: Int

    /// The `--base-url` and `--api-key` arguments for this simulator.
    var clientArguments: [String] { ["--base-url", "http://127.0.0.1:\(port)/api/partner", "--api-key", Self.apiKey] }

    /// Starts a simulator, runs `body`, and stops the server.
    static func run<T>(_ body: (LocalSimulator) async throws -> T) async throws -> T {
        let quiet = Logger(label: "cli-test") { _ in SwiftLogNoOpLogHandler() }
        let simulator = LinqSimulator(
            configuration: SimulatorConfiguration(lines: [line], deliveryDelay: .zero), webhookTransport: NoWebhooks(), logger: quiet
        )
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = SimulatorServer(simulator: simulator, host: "127.0.0.1", port: 0, logger: quiet) { port in portSink.yield(port) }
        let running = Task { try await server.run() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw LocalSimulatorError.didNotStart }
        return try await body(LocalSimulator(simulator: simulator, port: port))
    }

    /// Calls the simulator's control API in process and returns the JSON answer.
    func control(_ method: String, _ path: String, query: String? = nil, _ body: JSONValue? = nil) async throws -> JSONValue {
        let data = try body.map { try JSONEncoder().encode($0) } ?? Data()
        let response = await simulator.handle(SimulatorRequest(method: method, path: path, query: query, headers: [], body: data))
        return try JSONDecoder().decode(JSONValue.self, from: response.body)
    }
}

enum LocalSimulatorError: Error { case didNotStart }

/// Webhooks go nowhere: these tests look at the API only.
struct NoWebhooks: LinqTransport {
    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse { LinqHTTPResponse(status: 200) }
}
