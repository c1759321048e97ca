public import Foundation
public import LinqModels
import Logging

/// A chat handed to a person, as stored in its session under ``HandOffRecord/sessionKey``.
public struct HandOffRecord: Codable, Sendable, Hashable {
    /// The session key of the record.
    public static let sessionKey = "linqbot.hand_off"

    /// A timer set aside while a person has the chat.
    public struct PausedTimer: Codable, Sendable, Hashable {
        /// The timer's name.
        public var name: String
        /// What was left of its wait when it was paused, in seconds (0 when it fell due meanwhile).
        public var remaining: TimeInterval
        /// Its payload.
        public var payload: JSONValue?
    }

    /// When the chat was handed off.
    public var since: Date
    /// Why, if a reason was given.
    public var reason: String?
    /// The chat's timers, paused until the chat is handed back.
    public var paused: [PausedTimer]
}

extension ChatContext {
    /// The chat's hand-off, while a person has it.
    public internal(set) var handOff: HandOffRecord? {
        get { session(HandOffRecord.sessionKey, as: HandOffRecord.self) }
        set { setSession(HandOffRecord.sessionKey, newValue) }
    }

    /// Whether a person has the chat: the bot stays silent there and its timers wait.
    public var isHandedOff: Bool { handOff != nil }

    /// Hands the chat to a person: from the next event on the bot stays silent here (events go
    /// to the bot's hand-off observer instead), and the chat's timers are paused with what is
    /// left of their wait.
    public func handOff(reason: String? = nil) async throws {
        guard handOff == nil, let chatID else { return }
        var paused: [HandOffRecord.PausedTimer] = []
        for timer in try await store.timers(chatKey: chatID.rawValue) {
            paused.append(.init(name: timer.name, remaining: max(0, timer.dueAt.timeIntervalSince(now)), payload: timer.payload))
        }
        try await store.cancelTimers(chatKey: chatID.rawValue)
        handOff = HandOffRecord(since: now, reason: reason, paused: paused)
        logger.info("chat handed off to a person", metadata: ["linq.reason": "\(reason ?? "")", "linq.paused_timers": "\(paused.count)"])
    }

    /// Gives the chat back to the bot; its paused timers resume with the wait they had left.
    public func handBack() async throws {
        guard let record = handOff, let chatID else { return }
        for timer in record.paused {
            let due = now.addingTimeInterval(timer.remaining)
            try await store.scheduleTimer(ScheduledTimer(chatKey: chatID.rawValue, name: timer.name, dueAt: due, payload: timer.payload))
        }
        handOff = nil
        logger.info("chat handed back to the bot", metadata: ["linq.resumed_timers": "\(record.paused.count)"])
    }

    /// A timer that fell due while the chat is handed off waits for the hand-back.
    func holdFiredTimer(_ timer: FiredTimer) {
        guard var record = handOff else { return }
        record.paused.removeAll { $0.name == timer.name }
        record.paused.append(.init(name: timer.name, remaining: 0, payload: timer.payload))
        handOff = record
    }
}
