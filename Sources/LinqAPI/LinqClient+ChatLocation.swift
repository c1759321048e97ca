public import LinqModels

extension LinqClient {
    /// Location sharing in a chat (iMessage, poll-based): `/v3/chats/{chatId}/location`,
    /// reached as `client.chats.location`.
    public struct ChatLocation: Sendable {
        let client: LinqClient

        /// Asks the contact to share their location: `POST /v3/chats/{chatId}/location/request`.
        public func request(in chatID: ChatID) async throws -> LocationStatusResponse {
            try await client.execute(
                .bodiless(.post, ["v3", "chats", chatID.rawValue, "location", "request"]), as: LocationStatusResponse.self
            )
        }

        /// The locations shared in the chat: `GET /v3/chats/{chatId}/location`.
        ///
        /// Sent with `Accept: application/geo+json`; the features list is empty when nobody shares.
        public func get(in chatID: ChatID) async throws -> ChatLocationResponse {
            try await client.execute(
                .get(["v3", "chats", chatID.rawValue, "location"], accept: "application/geo+json"), as: ChatLocationResponse.self
            )
        }

        /// Ends `handle`'s share (in every chat): `DELETE /v3/chats/{chatId}/location` with a JSON body.
        public func stop(_ handle: String, in chatID: ChatID) async throws -> LocationStatusResponse {
            try await client.execute(
                .json(.delete, ["v3", "chats", chatID.rawValue, "location"], body: StopLocationSharingRequest(handle: handle)),
                as: LocationStatusResponse.self
            )
        }
    }
}
