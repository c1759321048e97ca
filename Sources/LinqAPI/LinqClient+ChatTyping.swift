public import LinqModels

extension LinqClient {
    /// The typing indicator of a chat: `/v3/chats/{chatId}/typing`, reached as `client.chats.typing`.
    public struct ChatTyping: Sendable {
        let client: LinqClient

        /// Shows the typing indicator: `POST /v3/chats/{chatId}/typing`.
        ///
        /// Best effort and iMessage only; it stays about 85–90 s, so repeat every 60 s to keep it.
        public func start(in chatID: ChatID) async throws {
            _ = try await client.execute(.call(.post, ["v3", "chats", chatID.rawValue, "typing"]))
        }

        /// Clears the typing indicator without sending: `DELETE /v3/chats/{chatId}/typing`.
        public func stop(in chatID: ChatID) async throws {
            _ = try await client.execute(.call(.delete, ["v3", "chats", chatID.rawValue, "typing"]))
        }
    }
}
