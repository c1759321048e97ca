public import Foundation
public import LinqModels

/// One chat as an operator sees it in a listing.
public struct ChatSummary: Sendable, Hashable, Codable {
    /// The chat (its chat id).
    public var chatKey: String
    /// The chat's flow and state, if it is in one.
    public var flow: String?
    /// The state within ``flow``.
    public var state: String?
    /// Whether a person has the chat.
    public var handedOff: Bool
    /// When the session was last written.
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case flow, state
        case chatKey = "chat_id"
        case handedOff = "handed_off"
        case updatedAt = "updated_at"
    }
}

/// Everything the bot keeps about one chat.
public struct ChatSnapshot: Sendable, Hashable {
    /// The chat (its chat id).
    public var chatKey: String
    /// The whole session, flow and hand-off records included.
    public var session: [String: JSONValue]
    /// The chat's flow, if it is in one.
    public var flow: FlowRecord?
    /// The chat's hand-off, while a person has it.
    public var handOff: HandOffRecord?
    /// The chat's pending timers, soonest first.
    public var timers: [ScheduledTimer]
    /// When the session was last written (`nil`: never).
    public var updatedAt: Date?
}

extension BotApplication {
    /// Chats with a stored session, in chat-id order after `after`, at most `limit`.
    public func chats(after: String? = nil, limit: Int = 100) async throws -> [ChatSummary] {
        return try await store.sessions(after: after, limit: limit).map { entry in
            let values = Bot.decodeSession(entry.session.data)
            return ChatSummary(
                chatKey: entry.chatKey, flow: values[FlowRecord.sessionKey]?["flow"]?.stringValue,
                state: values[FlowRecord.sessionKey]?["state"]?.stringValue, handedOff: values[HandOffRecord.sessionKey].map { $0 != .null } ?? false,
                updatedAt: entry.session.updatedAt
            )
        }
    }

    /// What the bot keeps about `chat`: session, flow, hand-off and timers.
    public func chat(_ chat: ChatID) async throws -> ChatSnapshot {
        let stored = try await store.session(chatKey: chat.rawValue)
        let values = stored.map { Bot.decodeSession($0.data) } ?? [:]
        return ChatSnapshot(
            chatKey: chat.rawValue, session: values, flow: try? values[FlowRecord.sessionKey]?.decode(as: FlowRecord.self),
            handOff: try? values[HandOffRecord.sessionKey]?.decode(as: HandOffRecord.self),
            timers: try await store.timers(chatKey: chat.rawValue), updatedAt: stored?.updatedAt
        )
    }

}

extension Bot {
    static func decodeSession(_ data: Data) -> [String: JSONValue] {
        (try? JSONDecoder().decode([String: JSONValue].self, from: data)) ?? [:]
    }
}
