import Foundation
public import LinqModels
import LinqSimulator
import LinqBot
import LinqAPI

/// What a test can look at: what the bot sent, its typing indicator and tapbacks, the session.
extension BotTester {
    /// A tapback our line put on a message.
    public struct Tapback: Sendable, Hashable {
        /// The reaction type, e.g. `love`.
        public var type: String
        /// The text of the message it is on.
        public var messageText: String?

        /// Creates a tapback to compare with.
        public init(type: String, messageText: String?) {
            self.type = type
            self.messageText = messageText
        }
    }

    /// The texts our line sent to `handle` (the default person), oldest first. Contact-card
    /// shares are not messages and are left out (see ``requests(involving:)``).
    public func replies(to handle: String? = nil) async throws -> [String] {
        try await sentMessages(to: handle).compactMap { message in
            guard message["kind"]?.stringValue != "contact_card" else { return nil }
            return message["parts"]?[0]?["value"]?.stringValue
        }
    }

    /// What our line sent to `handle`, as the simulator's control API reports it (parts, status, reactions).
    public func sentMessages(to handle: String? = nil) async throws -> [JSONValue] {
        let who = handle ?? person
        let response = await simulator.handle(SimulatorRequest(
            method: "GET", path: "/sim/lines/\(line)/sent", query: "handle=%2B\(who.dropFirst())", headers: [], body: Data()
        ))
        guard case .array(let messages) = try JSONDecoder().decode(JSONValue.self, from: response.body)["messages"] else { return [] }
        return messages
    }

    /// Every typing call our line made in the chat with `handle`, in order: `true` started, `false` stopped.
    public func typing(with handle: String? = nil) async throws -> [Bool] {
        guard case .array(let log) = try await conversation(with: handle)?["line_typing_log"] else { return [] }
        return log.compactMap { $0["started"]?.boolValue }
    }

    /// The tapbacks our line put on messages in the chat with `handle`, oldest message first.
    public func tapbacks(with handle: String? = nil) async throws -> [Tapback] {
        guard case .array(let messages) = try await conversation(with: handle)?["messages"] else { return [] }
        return messages.flatMap { message -> [Tapback] in
            guard case .array(let reactions) = message["reactions"] else { return [] }
            return reactions.filter { $0["handle"]?.stringValue == line }.compactMap { reaction in
                reaction["type"]?.stringValue.map { Tapback(type: $0, messageText: message["parts"]?[0]?["value"]?.stringValue) }
            }
        }
    }

    /// The messages the person sent in the chat with `handle`, with their ids (to react to them).
    public func received(from handle: String? = nil) async throws -> [(id: MessageID, text: String?)] {
        guard case .array(let messages) = try await conversation(with: handle)?["messages"] else { return [] }
        return messages.filter { $0["direction"]?.stringValue == "inbound" }.compactMap { message in
            message["id"]?.stringValue.map { (MessageID($0), message["parts"]?[0]?["value"]?.stringValue) }
        }
    }

    /// The session values stored for the chat between our line and `handle`.
    public func session(with handle: String? = nil) async throws -> [String: JSONValue] {
        guard let chat = try await chatID(with: handle), let stored = try await store.session(chatKey: chat.rawValue) else { return [:] }
        return try JSONDecoder().decode([String: JSONValue].self, from: stored.data)
    }

    /// The id of the one-to-one chat between our line and `handle`, once it exists.
    public func chatID(with handle: String? = nil) async throws -> ChatID? {
        let chats = try await client.chats.list(from: line, to: handle ?? person)
        return chats.chats.first(where: { !$0.isGroup })?.id
    }

    private func conversation(with handle: String?) async throws -> JSONValue? {
        guard let chat = try await chatID(with: handle) else { return nil }
        let response = await simulator.handle(SimulatorRequest(
            method: "GET", path: "/sim/chats/\(chat.rawValue)/messages", query: nil, headers: [], body: Data()
        ))
        return try JSONDecoder().decode(JSONValue.self, from: response.body)
    }
}
