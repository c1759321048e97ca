public import LinqModels

extension LinqClient {
    /// Messages inside a chat: `/v3/chats/{chatId}/messages`, reached as `client.chats.messages`.
    public struct ChatMessages: Sendable {
        let client: LinqClient

        /// Sends a message into an existing chat: `POST /v3/chats/{chatId}/messages`.
        ///
        /// The message always carries an idempotency key: `request.message.idempotencyKey`
        /// when set, otherwise a new one, fixed before the first attempt so retries never
        /// send twice.
        ///
        /// ```swift
        /// var content = MessageContent.text("Your order shipped")
        /// content.idempotencyKey = IdempotencyKey.derive("shipping", orderID)
        /// let sent = try await client.chats.messages.send(to: chatID, SendMessageRequest(message: content))
        /// print(sent.message.id)
        /// ```
        public func send(to chatID: ChatID, _ request: SendMessageRequest) async throws -> SendMessageResponse {
            var request = request
            request.message.idempotencyKey = client.idempotencyKey(request.message.idempotencyKey)
            return try await client.execute(
                .json(.post, ["v3", "chats", chatID.rawValue, "messages"], body: request, isIdempotent: true),
                as: SendMessageResponse.self
            )
        }

        /// Sends `content` into an existing chat (see ``send(to:_:)-(ChatID,SendMessageRequest)``).
        ///
        /// ```swift
        /// try await client.chats.messages.send(to: chatID, .text("On my way"))
        /// ```
        @discardableResult
        public func send(to chatID: ChatID, _ content: MessageContent, overrideOptOut: Bool? = nil) async throws -> SendMessageResponse {
            try await send(to: chatID, SendMessageRequest(message: content, overrideOptOut: overrideOptOut))
        }

        /// One page of a chat's messages: `GET /v3/chats/{chatId}/messages`.
        ///
        /// - Parameters:
        ///   - chatID: the chat.
        ///   - limit: page size (Linq's default 50, at most 100).
        ///   - cursor: the previous page's `nextCursor`; `nil` for the first page.
        public func list(in chatID: ChatID, limit: Int? = nil, cursor: String? = nil) async throws -> MessageList {
            var query = LinqQuery()
            query.add("cursor", cursor)
            query.add("limit", limit)
            return try await client.execute(
                .get(["v3", "chats", chatID.rawValue, "messages"], query: query.items), as: MessageList.self
            )
        }

        /// Every message of a chat, fetching pages of `limit` as iteration reaches them.
        ///
        /// ```swift
        /// for try await message in client.chats.messages.listAll(in: chatID) {
        ///     print(message.id, message.isFromMe)
        /// }
        /// ```
        public func listAll(in chatID: ChatID, limit: Int? = nil) -> LinqPages<MessageList> {
            LinqPages { cursor in try await list(in: chatID, limit: limit, cursor: cursor) }
        }
    }
}
