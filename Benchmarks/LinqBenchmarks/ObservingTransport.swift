import LinqAPI

/// A transport that reports every answered request, with the instant the answer arrived.
///
/// Wrapped around the simulator's webhook transport it shows when the bot acknowledged each
/// webhook; around the bot's API transport, when the simulator accepted each reply.
struct ObservingTransport: LinqTransport {
    let base: any LinqTransport
    let observe: @Sendable (LinqHTTPRequest, LinqHTTPResponse, ContinuousClock.Instant) -> Void

    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        let response = try await base.send(request)
        observe(request, response, .now)
        return response
    }
}
