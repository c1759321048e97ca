public import LinqModels

extension LinqClient {
    /// The blocked handles resource: `/v3/blocked_handles`.
    public var blockedHandles: BlockedHandles { BlockedHandles(client: self) }

    /// Blocked handles: list, block, unblock.
    public struct BlockedHandles: Sendable {
        let client: LinqClient

        /// Every blocked handle, newest first: `GET /v3/blocked_handles`.
        public func list() async throws -> BlockedHandleList {
            try await client.execute(.get(["v3", "blocked_handles"]), as: BlockedHandleList.self)
        }

        /// Blocks `handle` (idempotent): `POST /v3/blocked_handles`.
        ///
        /// Inbound messages from it are dropped and direct sends to it fail with 403 / 2026.
        @discardableResult
        public func block(_ handle: String, reason: String? = nil) async throws -> BlockHandleResponse {
            try await client.execute(
                .json(.post, ["v3", "blocked_handles"], body: BlockHandleRequest(handle: handle, reason: reason)),
                as: BlockHandleResponse.self
            )
        }

        /// Unblocks `handle`: `DELETE /v3/blocked_handles` with a JSON body.
        public func unblock(_ handle: String) async throws {
            _ = try await client.execute(.jsonWithoutAnswer(.delete, ["v3", "blocked_handles"], body: UnblockHandleRequest(handle: handle)))
        }
    }
}
