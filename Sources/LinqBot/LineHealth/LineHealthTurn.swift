import Foundation
import LinqAPI
import LinqModels
import Logging
import Synchronization

/// What line health works with for one action of a turn, given to it explicitly: what the turn
/// is about (its event, chat, line, time zone), the chat's facts and the turn's typing state
/// (shared by every action of the turn), the clock and the store. The engine reads and writes
/// only this; it never reaches back into the handler's ``ChatContext``.
struct LineHealthTurn: Sendable {
    /// The event of the turn: its age, its id, its payload.
    let event: WebhookEvent
    /// The turn's chat as the action began; see ``chatID``.
    let knownChat: ChatID?
    /// Our line, when the event names it.
    let line: String?
    /// Whether the chat is a group, when the event says.
    let isGroup: Bool?
    /// The person's time zone, else the bot's.
    let timeZone: TimeZone
    /// The bot's id, the signature of its messages when no business name is set.
    let botID: String
    /// The store, the client (for reads), the clock.
    let environment: BotEnvironment
    /// The turn's logger (chat, event and trace ids).
    let logger: Logger
    /// What the turn's actions share.
    let record: TurnRecord

    /// The turn's chat: `nil` until a first message created it (then that one).
    var chatID: ChatID? { knownChat ?? record.createdChat }
    var store: any BotStore { environment.store }
    var now: Date { environment.now() }

    /// Sleeps on the bot's clock until `date`.
    func sleep(until date: Date, asHandler: Bool) async throws {
        try await environment.sleep(until: date, asHandler: asHandler)
    }

    /// The chat's facts: kept for the turn once read; from the session, else from the event,
    /// else looked up at Linq (and then kept in the session).
    func facts() async -> ChatFacts? {
        if let known = record.facts { return known }
        if let message = event.message, !message.isOutbound {
            var facts = ChatFacts()
            facts.absorb(message)
            return facts
        }
        guard let chatID, !chatID.rawValue.hasPrefix(InboxKeys.handleQueuePrefix) else { return nil }
        do {
            let chat = try await environment.client.chats.get(chatID)
            var facts = ChatFacts()
            facts.line = chat.handles.first(where: { $0.isMe == true })?.handle ?? line
            facts.people = chat.handles.filter { $0.isMe != true }.map(\.handle)
            facts.isGroup = chat.isGroup
            facts.service = chat.service?.rawValue
            facts.noteHealth(chat.healthStatus, at: now)
            record.store(facts)
            return facts
        } catch {
            logger.warning("line health could not look the chat up", metadata: ["linq.error": "\(error)"])
            return nil
        }
    }

    /// The facts stored in the session, without a lookup (`nil` when none were kept yet).
    var storedFacts: ChatFacts? { record.facts }

    /// Keeps `facts` for the rest of the turn; they are saved with the turn's session.
    func storeFacts(_ facts: ChatFacts) { record.store(facts) }

    /// Whether line health showed the typing indicator and has not cleared it.
    var typingShown: Bool { record.state.withLock { $0.typingShown } }

    /// Notes that the typing indicator was shown (`true`) or cleared.
    func noteTyping(_ shown: Bool) {
        record.state.withLock {
            $0.typingShown = shown
            $0.typingSentAt = shown ? environment.now() : nil
        }
    }
}

/// What the actions of one turn share: the chat's facts for line health (decoded from the
/// session once, written back with the turn's completion when they changed), the typing
/// indicator, and the chat a first message of the turn created.
final class TurnRecord: Sendable {
    struct State: Sendable {
        /// Whether we showed the typing indicator and have not cleared it.
        var typingShown = false
        /// When the last typing call went out.
        var typingSentAt: Date?
        /// The session's stored facts, not decoded yet.
        var encoded: JSONValue?
        var facts: ChatFacts?
        /// Whether the facts changed in this turn.
        var changed = false
        /// The chat a first message of this turn created.
        var createdChat: ChatID?
        /// A group's members as Linq listed them in this turn, for the group opt-out rule.
        var groupMembers: (chat: ChatID, handles: [String])?
    }

    let state: Mutex<State>

    /// A record for a turn whose session holds `encoded` facts (or none).
    init(encoded: JSONValue?) {
        state = Mutex(State(encoded: encoded))
    }

    /// The chat's facts as last kept; `nil` when the session had none and none were stored.
    var facts: ChatFacts? {
        state.withLock { state in
            if let encoded = state.encoded {
                state.encoded = nil
                state.facts = ChatFacts(json: encoded)
            }
            return state.facts
        }
    }

    func store(_ facts: ChatFacts) {
        state.withLock {
            $0.encoded = nil
            $0.facts = facts
            $0.changed = true
        }
    }

    var createdChat: ChatID? { state.withLock { $0.createdChat } }

    func chatStarted(_ chat: ChatID) { state.withLock { $0.createdChat = chat } }

    /// The members of the group `chat` looked up earlier in this turn, if any.
    func groupMembers(of chat: ChatID) -> [String]? {
        state.withLock { $0.groupMembers?.chat == chat ? $0.groupMembers?.handles : nil }
    }

    func noteGroupMembers(_ handles: [String], of chat: ChatID) { state.withLock { $0.groupMembers = (chat, handles) } }

    /// The facts to save with the session, when they changed in this turn.
    var changedFacts: ChatFacts? { state.withLock { $0.changed ? $0.facts : nil } }
}
