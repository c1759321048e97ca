import Foundation
import LinqAPI
public import LinqModels

/// Group conversations: people start a group with the bot's line, write in it, and add or take
/// out members. Each action returns once the bot has handled it, with the texts the bot sent
/// into the group meanwhile.
///
/// ```swift
/// try await tester.run {
///     let group = try await tester.startGroup(with: ["+15555550123", "+15555550124"], named: "Book club")
///     #expect(try await tester.send("hi all", in: group, from: "+15555550124") == ["Hello, book club!"])
///     #expect(try await tester.add("+15555550125", to: group, by: "+15555550123") == ["Welcome, +15555550125!"])
/// }
/// ```
extension BotTester {
    /// People start a group with the bot's line (the first handle started it); returns its id.
    /// The bot hears of the group with its first message or membership change.
    public func startGroup(with handles: [String], named name: String? = nil) async throws -> ChatID {
        var body: [String: JSONValue] = ["line": .string(line), "handles": .array(handles.map(JSONValue.string))]
        body["display_name"] = name.map(JSONValue.string)
        let answer = try await controlCall("POST", "/sim/groups", body)
        try await settleWebhooks()
        guard let id = answer["chat_id"]?.stringValue else { throw BotTesterError.refused(status: 200, body: "no chat_id in \(answer)") }
        return ChatID(id)
    }

    /// A member writes `text` in the group `chat`.
    @discardableResult
    public func send(_ text: String, in chat: ChatID, from handle: String) async throws -> [String] {
        let body: [String: JSONValue] = ["line": .string(line), "text": .string(text), "chat_id": .string(chat.rawValue)]
        return try await act("/sim/handles/\(handle)/messages", body, answersIn: .chat(chat))
    }

    /// The member `handle` adds `newcomer` to the group `chat` (`participant.added`).
    @discardableResult
    public func add(_ newcomer: String, to chat: ChatID, by handle: String) async throws -> [String] {
        try await changeMembers(chat, handle: newcomer, operation: "add", by: handle)
    }

    /// The member `handle` takes `member` out of the group `chat` (`participant.removed`). At
    /// least 3 participants, the bot's line included, must remain.
    @discardableResult
    public func remove(_ member: String, from chat: ChatID, by handle: String) async throws -> [String] {
        try await changeMembers(chat, handle: member, operation: "remove", by: handle)
    }

    /// The member `handle` leaves the group `chat` (`participant.removed`).
    @discardableResult
    public func leave(_ chat: ChatID, by handle: String) async throws -> [String] {
        try await changeMembers(chat, handle: handle, operation: "remove", by: handle)
    }

    /// The texts our line sent into `chat` (a group or a direct chat), oldest first.
    public func replies(in chat: ChatID) async throws -> [String] {
        try await timeline(of: chat, with: nil).messages.filter { $0.outbound && $0.kind == "message" }.compactMap(\.text)
    }

    /// The people in the group `chat` now, our line left out.
    public func members(of chat: ChatID) async throws -> [String] {
        let group = try await client.chats.get(chat)
        return group.handles.filter { $0.isMe != true && $0.status != .removed && $0.status != .left }.map(\.handle)
    }

    private func changeMembers(_ chat: ChatID, handle: String, operation: String, by actor: String) async throws -> [String] {
        let body: [String: JSONValue] = ["chat_id": .string(chat.rawValue), "handle": .string(handle), "operation": .string(operation)]
        return try await act("/sim/handles/\(actor)/participants", body, answersIn: .chat(chat))
    }
}
