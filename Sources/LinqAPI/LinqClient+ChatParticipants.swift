public import LinqModels

extension LinqClient {
    /// The participants of a group chat: `/v3/chats/{chatId}/participants`, reached as
    /// `client.chats.participants`.
    public struct ChatParticipants: Sendable {
        let client: LinqClient

        /// Adds `handle` to a group: `POST /v3/chats/{chatId}/participants`.
        ///
        /// The group needs at least 3 participants and the newcomer must be reachable on its service.
        public func add(_ handle: String, to chatID: ChatID) async throws -> LinqStatusResponse {
            try await client.execute(
                .json(.post, ["v3", "chats", chatID.rawValue, "participants"], body: ParticipantRequest(handle: handle)),
                as: LinqStatusResponse.self
            )
        }

        /// Removes `handle` from a group: `DELETE /v3/chats/{chatId}/participants` with a JSON body.
        ///
        /// At least 3 participants must remain; use ``LinqClient/Chats/leave(_:)`` to remove our line.
        public func remove(_ handle: String, from chatID: ChatID) async throws -> LinqStatusResponse {
            try await client.execute(
                .json(.delete, ["v3", "chats", chatID.rawValue, "participants"], body: ParticipantRequest(handle: handle)),
                as: LinqStatusResponse.self
            )
        }
    }
}
