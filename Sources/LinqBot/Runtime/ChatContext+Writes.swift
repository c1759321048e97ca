public import LinqModels

/// The context's other writes: edits and deletes of our messages, app cards and stickers,
/// group changes, location requests, new chats and Linq's auto-from send. Each is an
/// ``OutboundAction`` and passes the outbound middleware and line health, so none reaches a
/// person who opted out.
///
/// ```swift
/// bot.onText(.keyword("fix")) { ctx, _ in
///     if case .sent(let sent) = try await ctx.reply("Your table is at 7") {
///         try await ctx.edit(sent.id, text: "Your table is at 8")
///     }
/// }
/// ```
extension ChatContext {
    /// Starts a chat with `recipients` and sends its first message (Linq's first-message rules
    /// apply). One handle makes a direct chat from the person's line in the line pool (theirs
    /// already, or chosen now, as ``BotApplication/line(for:)``); several make a group from
    /// this chat's line. Opted-out recipients stop it.
    @discardableResult
    public func startChat(with recipients: [String], _ content: MessageContent) async throws -> OutboundResult {
        var content = content
        content.idempotencyKey = content.idempotencyKey ?? nextKey()
        return try await perform(.message(content, overrideOptOut: false), key: content.idempotencyKey, startingChatWith: recipients)
    }

    /// Sends with Linq choosing the line and the chat (`POST /v3/messages`), under the
    /// request's idempotency key or one derived from this event and step. Line health treats
    /// it like a message to each recipient.
    @discardableResult
    public func sendAutoFrom(_ request: CreateMessageRequest) async throws -> OutboundResult {
        var request = request
        request.message.idempotencyKey = request.message.idempotencyKey ?? nextKey()
        return try await perform(.autoFromMessage(request), key: request.message.idempotencyKey)
    }

    /// Replaces the text of one of our messages (`partIndex`, default the first part); Linq
    /// allows 5 edits within 15 minutes of sending.
    @discardableResult
    public func edit(_ messageID: MessageID, text: String, partIndex: Int? = nil) async throws -> OutboundResult {
        try await perform(.edit(EditMessageRequest(text: text, partIndex: partIndex), of: messageID), key: nil)
    }

    /// Deletes one of our messages from Linq (not from the person's device).
    @discardableResult
    public func deleteMessage(_ messageID: MessageID) async throws -> OutboundResult {
        try await perform(.delete(messageID), key: nil)
    }

    /// Replaces one of our iMessage app cards in place.
    @discardableResult
    public func updateAppCard(_ messageID: MessageID, _ request: UpdateAppCardRequest) async throws -> OutboundResult {
        try await perform(.appCardUpdate(request, of: messageID), key: nil)
    }

    /// Moves a sticker we placed on a message.
    @discardableResult
    public func moveSticker(_ reactionID: ReactionID, on messageID: MessageID, to placement: StickerPlacement) async throws -> OutboundResult {
        try await perform(.stickerMove(reactionID, on: messageID, to: placement), key: nil)
    }

    /// Adds `handle` to this group (which needs at least 3 participants); refused when the
    /// handle opted out.
    @discardableResult
    public func addParticipant(_ handle: String) async throws -> OutboundResult {
        try await perform(.participantAdded(handle), key: nil)
    }

    /// Removes `handle` from this group (at least 3 participants must remain).
    @discardableResult
    public func removeParticipant(_ handle: String) async throws -> OutboundResult {
        try await perform(.participantRemoved(handle), key: nil)
    }

    /// Renames this group or sets its icon.
    @discardableResult
    public func updateChat(_ request: UpdateChatRequest) async throws -> OutboundResult {
        try await perform(.chatUpdate(request), key: nil)
    }

    /// Renames this group.
    @discardableResult
    public func renameGroup(_ name: String) async throws -> OutboundResult {
        try await updateChat(UpdateChatRequest(displayName: name))
    }

    /// Our line leaves this group (iMessage groups of at least 4, ourselves included).
    @discardableResult
    public func leaveChat() async throws -> OutboundResult {
        try await perform(.leave, key: nil)
    }

    /// Asks the person to share their location (iMessage direct chats).
    @discardableResult
    public func requestLocation() async throws -> OutboundResult {
        try await perform(.locationRequest, key: nil)
    }

    /// Ends `handle`'s location share (in every chat).
    @discardableResult
    public func stopLocationSharing(of handle: String) async throws -> OutboundResult {
        try await perform(.locationStop(handle), key: nil)
    }
}
