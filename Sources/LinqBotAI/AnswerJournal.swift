import Foundation
import LinqAPI
import LinqBot
import LinqModels

/// The bubbles of the answer being sent, kept durably before each is sent, so that a turn run
/// again after a crash sends the same bubbles under the same idempotency keys instead of asking
/// the model for a new answer (whose later bubbles would follow the old answer's first ones).
///
/// It is kept as a chat timer (the store's durable per-chat record), due far in the future and
/// replaced by the next turn's; the agent ignores it should it ever fall due.
struct AnswerJournal: Codable, Sendable, Hashable {
    /// The timer name the journal is kept under.
    static let timerName = "linqbot.ai.answer"
    /// How far ahead the journal's timer is due.
    static let horizon: TimeInterval = 365 * 86_400

    /// The event whose answer this is.
    var eventID: String
    /// The bubbles, in order; each is written here before it is sent.
    var bubbles: [String] = []
    /// Whether the model's answer was whole when the last bubbles were written.
    var complete = false
    /// Whether the answer stopped early for a newer message (``TurnPolicy/restart``): the
    /// bubbles are all that was sent of it, and the next turn answers.
    var stopped: Bool?
    /// For a stopped answer, how many of its turn's texts it answered: a run again whose turn
    /// took in the messages it stopped for (a burst) answers those after its bubbles.
    var answeredTexts: Int?

    /// The journal of `context`'s chat, if it belongs to the event being handled.
    static func load(_ context: ChatContext) async throws -> AnswerJournal? {
        guard let chat = context.chatID else { return nil }
        let timers = try await context.store.timers(chatKey: chat.rawValue)
        guard let payload = timers.first(where: { $0.name == timerName })?.payload,
              let journal = try? payload.decoded(as: AnswerJournal.self), journal.eventID == context.event.eventID.rawValue
        else { return nil }
        return journal
    }

    /// Writes the journal durably.
    func save(_ context: ChatContext) async throws {
        guard context.chatID != nil else { return }
        try await context.schedule(Self.timerName, at: context.now.addingTimeInterval(Self.horizon), payload: try JSONValue.encoding(self))
    }

    /// The idempotency key of bubble `index` of the event's answer.
    static func key(botID: String, eventID: String, index: Int) -> String {
        IdempotencyKey.derive(botID, eventID, "ai-bubble-\(index)")
    }
}
