public import LinqModels

extension LinqClient {
    /// The chats resource: `/v3/chats`.
    public var chats: Chats { Chats(client: self) }

    /// Chats: create, list, get, update, leave, mark read, voice memo, share contact card.
    public struct Chats: Sendable {
        let client: LinqClient

        /// Messages inside a chat.
        public var messages: ChatMessages { ChatMessages(client: client) }
        /// The participants of a group chat.
        public var participants: ChatParticipants { ChatParticipants(client: client) }
        /// The typing indicator of a chat.
        public var typing: ChatTyping { ChatTyping(client: client) }
        /// Location sharing in a chat (iMessage).
        public var location: ChatLocation { ChatLocation(client: client) }

        /// Creates a chat (DM or group) and sends its first message: `POST /v3/chats`.
        ///
        /// The message always carries an idempotency key: `request.message.idempotencyKey`
        /// when set, otherwise a new one. The key is fixed before the first attempt, so a
        /// retried call is not sent twice.
        ///
        /// ```swift
        /// let created = try await client.chats.create(
        ///     CreateChatRequest(from: "+15555550100", to: ["+15555550123"], message: .text("Hello!"))
        /// )
        /// print(created.chat.id, created.chat.message.id)
        /// ```
        public func create(_ request: CreateChatRequest) async throws -> CreateChatResponse {
            var request = request
            request.message.idempotencyKey = client.idempotencyKey(request.message.idempotencyKey)
            return try await client.execute(
                .json(.post, ["v3", "chats"], body: request, isIdempotent: true), as: CreateChatResponse.self
            )
        }

        /// One page of chats: `GET /v3/chats`.
        ///
        /// - Parameters:
        ///   - from: only chats of this line (E.164); `nil` lists every line.
        ///   - to: only chats with this participant handle.
        ///   - limit: page size (Linq's default 20, at most 100).
        ///   - cursor: the previous page's `nextCursor`; `nil` for the first page.
        public func list(from: String? = nil, to: String? = nil, limit: Int? = nil, cursor: String? = nil) async throws -> ChatList {
            var query = LinqQuery()
            query.add("from", from)
            query.add("to", to)
            query.add("limit", limit)
            query.add("cursor", cursor)
            return try await client.execute(.get(["v3", "chats"], query: query.items), as: ChatList.self)
        }

        /// Every chat, fetching pages of `limit` as iteration reaches them.
        ///
        /// ```swift
        /// for try await chat in client.chats.listAll(from: "+15555550100") {
        ///     print(chat.id, chat.displayName ?? "")
        /// }
        /// ```
        public func listAll(from: String? = nil, to: String? = nil, limit: Int? = nil) -> LinqPages<ChatList> {
            LinqPages { cursor in try await list(from: from, to: to, limit: limit, cursor: cursor) }
        }

        /// One chat: `GET /v3/chats/{chatId}`.
        public func get(_ chatID: ChatID) async throws -> Chat {
            try await client.execute(.get(["v3", "chats", chatID.rawValue]), as: Chat.self)
        }

        /// Renames a group or sets its icon: `PUT /v3/chats/{chatId}`. Groups only.
        public func update(_ chatID: ChatID, _ request: UpdateChatRequest) async throws -> UpdateChatResponse {
            try await client.execute(.json(.put, ["v3", "chats", chatID.rawValue], body: request), as: UpdateChatResponse.self)
        }

        /// Our line leaves an iMessage group: `POST /v3/chats/{chatId}/leave`.
        public func leave(_ chatID: ChatID) async throws -> LinqStatusResponse {
            try await client.execute(.bodiless(.post, ["v3", "chats", chatID.rawValue, "leave"]), as: LinqStatusResponse.self)
        }

        /// Marks every message of the chat as read: `POST /v3/chats/{chatId}/read`.
        public func markRead(_ chatID: ChatID) async throws {
            _ = try await client.execute(.call(.post, ["v3", "chats", chatID.rawValue, "read"]))
        }

        /// Sends audio as a voice-memo bubble: `POST /v3/chats/{chatId}/voicememo`.
        ///
        /// Linq takes no idempotency key for voice memos, so a retried call may send twice.
        public func sendVoiceMemo(to chatID: ChatID, _ request: VoiceMemoRequest) async throws -> VoiceMemoResponse {
            try await client.execute(
                .json(.post, ["v3", "chats", chatID.rawValue, "voicememo"], body: request), as: VoiceMemoResponse.self
            )
        }

        /// Shares our line's Name & Photo card into the chat: `POST /v3/chats/{chatId}/share_contact_card`.
        ///
        /// Linq allows one share per chat per 5 minutes.
        public func shareContactCard(in chatID: ChatID) async throws {
            _ = try await client.execute(.call(.post, ["v3", "chats", chatID.rawValue, "share_contact_card"]))
        }
    }
}
