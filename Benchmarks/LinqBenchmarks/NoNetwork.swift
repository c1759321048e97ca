import LinqAPI

/// A client's transport for benchmarks whose handlers send nothing: a client is still required.
struct NoNetwork: LinqTransport {
    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        throw LinqTransportError(.connection, detail: "this benchmark does not send")
    }
}
