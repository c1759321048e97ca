public import Foundation
public import LinqAPI

/// Runs ``LinqClient`` calls against a ``LinqSimulator`` in the same process, without sockets.
///
/// ```swift
/// let client = LinqClient(
///     configuration: .init(apiKey: simulator.configuration.apiKey, baseURL: SimulatorTransport.baseURL),
///     transport: SimulatorTransport(simulator)
/// )
/// ```
public struct SimulatorTransport: LinqTransport {
    /// A base URL for clients of an in-process simulator (the host is never resolved).
    public static let baseURL = URL(string: "http://simulator.invalid/api/partner")!

    private let simulator: LinqSimulator

    /// Creates a transport into `simulator`.
    public init(_ simulator: LinqSimulator) { self.simulator = simulator }

    /// Hands the request to the simulator and returns its answer.
    public func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let response = await simulator.handle(SimulatorRequest(
            method: request.method.rawValue, path: components?.percentEncodedPath ?? request.url.path,
            query: components?.percentEncodedQuery, headers: request.headers.map { ($0.name, $0.value) }, body: request.body ?? Data()
        ))
        switch response.transportFault {
        case .reset:
            throw LinqTransportError(.connection, detail: "connection reset by the simulator (injected outage)")
        case .hang(let duration):
            try await simulator.clock.sleep(for: min(duration, request.timeout))
            throw LinqTransportError(.timeout, detail: "no answer from the simulator within \(request.timeout) (injected outage)")
        case nil:
            return LinqHTTPResponse(status: response.status, headers: LinqHTTPHeaders(response.headers), body: response.body)
        }
    }
}
