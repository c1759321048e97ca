public import LinqModels

extension LinqClient {
    /// The messages resource: `/v3/messages`.
    public var messages: Messages { Messages(client: self) }

    /// Messages: auto-from send, get, edit, delete, thread, reactions, stickers, app cards.
    public struct Messages: Sendable {
        let client: LinqClient

        /// Sends with Linq choosing the line and the chat: `POST /v3/messages`.
        ///
        /// The call always carries an `Idempotency-Key` header: `idempotencyKey` when given,
        /// else `request.message.idempotencyKey`, else a new key. It is fixed before the first
        /// attempt, so every retry sends the same key.
        ///
        /// ```swift
        /// let sent = try await client.messages.create(
        ///     CreateMessageRequest(to: ["+15555550123"], message: .text("Hi from Linq")),
        ///     idempotencyKey: IdempotencyKey.derive("welcome", userID)
        /// )
        /// print(sent.chatID, sent.from, sent.createdNewChat)
        /// ```
        public func create(_ request: CreateMessageRequest, idempotencyKey: String? = nil) async throws -> CreateMessageResponse {
            let key = client.idempotencyKey(nonEmpty(idempotencyKey) ?? request.message.idempotencyKey)
            return try await client.execute(
                .json(.post, ["v3", "messages"], body: request, headers: ["Idempotency-Key": key], isIdempotent: true),
                as: CreateMessageResponse.self
            )
        }

        /// One message: `GET /v3/messages/{messageId}`.
        public func get(_ messageID: MessageID) async throws -> Message {
            try await client.execute(.get(["v3", "messages", messageID.rawValue]), as: Message.self)
        }

        /// Edits the text of a sent message: `PATCH /v3/messages/{messageId}`.
        public func edit(_ messageID: MessageID, _ request: EditMessageRequest) async throws -> Message {
            try await client.execute(.json(.patch, ["v3", "messages", messageID.rawValue], body: request), as: Message.self)
        }

        /// Deletes a message from Linq (not from the recipient's device): `DELETE /v3/messages/{messageId}`.
        public func delete(_ messageID: MessageID) async throws {
            _ = try await client.execute(.call(.delete, ["v3", "messages", messageID.rawValue]))
        }

        /// One page of a reply thread (the originator and its replies): `GET /v3/messages/{messageId}/thread`.
        ///
        /// - Parameters:
        ///   - messageID: any message of the thread.
        ///   - order: `.ascending` (oldest first) or `.descending`; `nil` leaves Linq's default.
        ///   - limit: page size.
        ///   - cursor: the previous page's `nextCursor`; `nil` for the first page.
        public func thread(
            of messageID: MessageID, order: ThreadOrder? = nil, limit: Int? = nil, cursor: String? = nil
        ) async throws -> MessageList {
            var query = LinqQuery()
            query.add("cursor", cursor)
            query.add("limit", limit)
            query.add("order", order?.rawValue)
            return try await client.execute(
                .get(["v3", "messages", messageID.rawValue, "thread"], query: query.items), as: MessageList.self
            )
        }

        /// Every message of a reply thread, fetching pages as iteration reaches them.
        ///
        /// ```swift
        /// for try await reply in client.messages.threadAll(of: messageID, order: .ascending) {
        ///     print(reply.id)
        /// }
        /// ```
        public func threadAll(of messageID: MessageID, order: ThreadOrder? = nil, limit: Int? = nil) -> LinqPages<MessageList> {
            LinqPages { cursor in try await thread(of: messageID, order: order, limit: limit, cursor: cursor) }
        }

        /// Adds or removes a reaction: `POST /v3/messages/{messageId}/reactions`.
        ///
        /// ```swift
        /// try await client.messages.react(to: messageID, .add(.love))
        /// ```
        @discardableResult
        public func react(to messageID: MessageID, _ request: ReactionRequest) async throws -> LinqStatusResponse {
            try await client.execute(
                .json(.post, ["v3", "messages", messageID.rawValue, "reactions"], body: request), as: LinqStatusResponse.self
            )
        }

        /// Moves a sticker we placed: `PATCH /v3/messages/{messageId}/reactions/{reactionId}`.
        @discardableResult
        public func moveSticker(
            _ reactionID: ReactionID, on messageID: MessageID, to placement: StickerPlacement
        ) async throws -> LinqStatusResponse {
            try await client.execute(
                .json(
                    .patch, ["v3", "messages", messageID.rawValue, "reactions", reactionID.rawValue],
                    body: StickerPlacementRequest(placement: placement)
                ),
                as: LinqStatusResponse.self
            )
        }

        /// Replaces an iMessage app card in place: `POST /v3/messages/{messageId}/update`.
        public func updateAppCard(_ messageID: MessageID, _ request: UpdateAppCardRequest) async throws -> UpdateAppCardResponse {
            try await client.execute(
                .json(.post, ["v3", "messages", messageID.rawValue, "update"], body: request), as: UpdateAppCardResponse.self
            )
        }

        private func nonEmpty(_ text: String?) -> String? {
            guard let text, !text.isEmpty else { return nil }
            return text
        }
    }
}
