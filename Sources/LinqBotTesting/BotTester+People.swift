import Foundation
import LinqAPI
public import LinqModels

/// What a person does besides writing text: send a photo or a file, edit a message, type,
/// share their contact card, take a tapback back. Each call returns once the bot has handled
/// it, with the texts the bot sent that person meanwhile.
///
/// ```swift
/// try await tester.run {
///     #expect(try await tester.send(media: "https://example.com/photo.jpg") == ["Nice photo.jpg!"])
///     try await tester.send("see you at 5")
///     #expect(try await tester.editLastMessage(to: "see you at 6") == ["Noted: 6, not 5."])
/// }
/// ```
extension BotTester {
    /// A person sends a file by URL: an image, a video, audio or a document, with `caption` as
    /// the message's text or alone. The file name and type come from the URL unless given.
    /// In a group when `chat` is given.
    @discardableResult
    public func send(
        media url: String, filename: String? = nil, mimeType: String? = nil, caption: String? = nil, from handle: String? = nil,
        in chat: ChatID? = nil
    ) async throws -> [String] {
        let who = handle ?? person
        var body: [String: JSONValue] = ["line": .string(line), "media_url": .string(url)]
        body["filename"] = filename.map(JSONValue.string)
        body["mime_type"] = mimeType.map(JSONValue.string)
        body["text"] = caption.map(JSONValue.string)
        body["chat_id"] = chat.map { .string($0.rawValue) }
        return try await act("/sim/handles/\(who)/messages", body, answersIn: chat.map(Audience.chat) ?? .person(who))
    }

    /// A person edits the text of their message `messageID` (the bot gets `message.edited`,
    /// with the new text as `ctx.text`). iMessage allows 5 edits within 15 minutes.
    @discardableResult
    public func edit(_ messageID: MessageID, to text: String, from handle: String? = nil) async throws -> [String] {
        let who = handle ?? person
        let body: [String: JSONValue] = ["message_id": .string(messageID.rawValue), "text": .string(text)]
        return try await act("/sim/handles/\(who)/edits", body, answersIn: .person(who))
    }

    /// A person edits their latest message in their direct chat with the bot.
    @discardableResult
    public func editLastMessage(to text: String, from handle: String? = nil) async throws -> [String] {
        guard let last = try await received(from: handle).last else {
            throw BotTesterError.refused(status: 404, body: "\(handle ?? person) has sent no message to edit")
        }
        return try await edit(last.id, to: text, from: handle)
    }

    /// A person's typing bubble appears (`chat.typing_indicator.started`), in their direct chat
    /// or in `chat`. Nothing is sent when they were typing already.
    @discardableResult
    public func startTyping(from handle: String? = nil, in chat: ChatID? = nil) async throws -> [String] {
        try await setTyping(true, from: handle ?? person, in: chat)
    }

    /// A person's typing bubble goes away without a message (`chat.typing_indicator.stopped`).
    @discardableResult
    public func stopTyping(from handle: String? = nil, in chat: ChatID? = nil) async throws -> [String] {
        try await setTyping(false, from: handle ?? person, in: chat)
    }

    /// A person shares their contact card (Name & Photo) with the line: `contact_card.received`,
    /// which belongs to the person and the line rather than to a chat.
    @discardableResult
    public func shareContactCard(firstName: String, lastName: String? = nil, imageURL: String? = nil, from handle: String? = nil) async throws -> [String] {
        let who = handle ?? person
        var body: [String: JSONValue] = ["line": .string(line), "first_name": .string(firstName)]
        body["last_name"] = lastName.map(JSONValue.string)
        body["image_url"] = imageURL.map(JSONValue.string)
        return try await act("/sim/handles/\(who)/contact_card", body, answersIn: .person(who))
    }

    /// A person takes their tapback `type` off `messageID` (`reaction.removed`).
    @discardableResult
    public func removeReaction(_ type: ReactionType, from messageID: MessageID, by handle: String? = nil) async throws -> [String] {
        let who = handle ?? person
        let body: [String: JSONValue] = ["message_id": .string(messageID.rawValue), "type": .string(type.rawValue), "operation": "remove"]
        return try await act("/sim/handles/\(who)/reactions", body, answersIn: .person(who))
    }

    private func setTyping(_ typing: Bool, from handle: String, in chat: ChatID?) async throws -> [String] {
        var body: [String: JSONValue] = ["typing": .bool(typing)]
        if let chat { body["chat_id"] = .string(chat.rawValue) } else { body["line"] = .string(line) }
        return try await act("/sim/handles/\(handle)/typing", body, answersIn: chat.map(Audience.chat) ?? .person(handle))
    }
}
