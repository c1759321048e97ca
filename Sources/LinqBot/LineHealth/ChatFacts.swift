import Foundation
import LinqModels
import Logging
import LinqAPI

/// What line health remembers about a chat, in the chat's session: who is in it, on which
/// service, and the recent rhythm of the conversation.
struct ChatFacts: Codable, Sendable, Hashable {
    static let sessionKey = "linqbot.line_health"

    /// Our line.
    var line: String?
    /// The people of the chat (one for a direct chat).
    var people: [String] = []
    /// Whether the chat is a group.
    var isGroup = false
    /// The service the chat last used (`iMessage`, `SMS`, `RCS`).
    var service: String?
    /// When the person last wrote.
    var lastInboundAt: Date?
    /// When we last sent a message.
    var lastOutboundAt: Date?
    /// Our messages since the person last wrote.
    var unanswered = 0
    /// The local day (yyyy-MM-dd) our contact card was last shared, and when.
    var cardDay: String?
    var lastCardAt: Date?
    /// The chat's last `health_status` from Linq other than HEALTHY (`AT_RISK`, `CRITICAL`,
    /// `OPTED_OUT`), when Linq says it changed, and when we last read it.
    var health: String?
    var healthChangedAt: Date?
    var healthCheckedAt: Date?

    var isIMessage: Bool { service.map { Service(rawValue: $0) == .iMessage } ?? false }
    var isSMS: Bool { service.map { Service(rawValue: $0) == .sms } ?? false }

    /// The last activity in the chat, either way.
    var lastActivity: Date? { [lastInboundAt, lastOutboundAt].compactMap { $0 }.max() }
}

extension ChatContext {
    /// The chat's line-health facts: from the session, else from the event, else from Linq.
    func chatFacts() async -> ChatFacts? {
        if let facts = session(ChatFacts.sessionKey, as: ChatFacts.self) { return facts }
        if let message, !message.isOutbound {
            var facts = ChatFacts()
            facts.absorb(message)
            return facts
        }
        guard let chatID, !chatID.rawValue.hasPrefix(InboxKeys.handleQueuePrefix) else { return nil }
        do {
            let chat = try await client.chats.get(chatID)
            var facts = ChatFacts()
            facts.line = chat.handles.first(where: { $0.isMe == true })?.handle ?? line
            facts.people = chat.handles.filter { $0.isMe != true }.map(\.handle)
            facts.isGroup = chat.isGroup
            facts.service = chat.service?.rawValue
            facts.noteHealth(chat.healthStatus, at: now)
            setSession(ChatFacts.sessionKey, facts)
            return facts
        } catch {
            logger.warning("line health could not look the chat up", metadata: ["linq.error": "\(error)"])
            return nil
        }
    }

    func storeFacts(_ facts: ChatFacts) { setSession(ChatFacts.sessionKey, facts) }
}

extension ChatFacts {
    /// Takes in a person's message.
    mutating func absorb(_ message: MessageEvent) {
        line = message.lineHandle ?? line
        if let sender = message.senderAddress, !people.contains(sender) {
            people = message.isGroup == true ? people + [sender] : [sender]
        }
        isGroup = message.isGroup ?? isGroup
        service = message.service?.rawValue ?? service
    }
}

/// What line health tracks within one turn of a chat.
struct TurnState: Sendable {
    /// Whether we showed the typing indicator and have not cleared it.
    var typingShown = false
    /// When the last typing call went out.
    var typingSentAt: Date?
}
