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

