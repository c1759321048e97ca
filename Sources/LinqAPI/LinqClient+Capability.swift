public import LinqModels

extension LinqClient {
    /// The capability resource: `/v3/capability`.
    public var capability: Capability { Capability(client: self) }

    /// Capability checks: whether a handle can be reached over iMessage or RCS.
    public struct Capability: Sendable {
        let client: LinqClient

        /// Whether `address` (E.164 or email) is reachable over iMessage: `POST /v3/capability/check_imessage`.
        ///
        /// - Parameters:
        ///   - address: the handle to check.
        ///   - from: the line to check from; `nil` lets Linq pick one.
        public func checkIMessage(_ address: String, from: String? = nil) async throws -> HandleCheckResponse {
            try await client.execute(
                .json(.post, ["v3", "capability", "check_imessage"], body: CapabilityCheckRequest(address: address, from: from)),
                as: HandleCheckResponse.self
            )
        }

        /// Whether `address` (E.164 only) is reachable over RCS: `POST /v3/capability/check_rcs`.
        ///
        /// A 503 with code 4004, 4009 or 4010 means "unknown", not "no": do not cache it.
        public func checkRCS(_ address: String, from: String? = nil) async throws -> HandleCheckResponse {
            try await client.execute(
                .json(.post, ["v3", "capability", "check_rcs"], body: CapabilityCheckRequest(address: address, from: from)),
                as: HandleCheckResponse.self
            )
        }
    }
}
