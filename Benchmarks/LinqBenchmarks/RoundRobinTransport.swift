import Foundation
import LinqAPI
import Synchronization

/// The load balancer in front of several bot instances: each webhook goes to the next
/// instance's port in turn, as a round-robin proxy would send it (the simulator knows one
/// target URL, whose port this replaces).
final class RoundRobinTransport: LinqTransport {
    private let base: any LinqTransport
    private let state = Mutex<(ports: [Int], next: Int)>(([], 0))

    init(base: any LinqTransport) {
        self.base = base
    }

    /// The instances' ports; until they are set, requests go where they were addressed.
    func route(to ports: [Int]) {
        state.withLock { $0 = (ports, 0) }
    }

    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        let port: Int? = state.withLock { state in
            guard !state.ports.isEmpty else { return nil }
            defer { state.next = (state.next + 1) % state.ports.count }
            return state.ports[state.next]
        }
        guard let port, var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false) else {
            return try await base.send(request)
        }
        components.port = port
        var routed = request
        routed.url = components.url ?? request.url
        return try await base.send(routed)
    }
}
