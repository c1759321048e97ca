import Foundation
import LinqAPI
import LinqModels
import Logging
import Synchronization

/// Line health at the send layer: every action of the bot passes here last, right before the
/// client, whatever sent it (a handler, a flow, a timer, business code, another middleware).
/// It refuses what would hurt the line (anything to an opted-out person, what the group policy
/// keeps from a group with an opted-out member, proactive messages
/// in quiet hours, after too many unanswered ones, on a FLAGGED line or to a CRITICAL chat,
/// stale replies), paces
/// what may go, and keeps the books (typing, contact card, budget, engagement).
final class LineHealthEngine: Sendable {
    let configuration: LineHealthConfiguration
    let pacer: PairPacer
    let book = Mutex(LineBook())
    /// The lines' messages today, for the daily budget.
    let dayCounts = LineDayCounts(prefix: "linqbot.line_day")
    /// The lines' engagement today: messages (and tapbacks) received, and messages sent.
    let inboundDays = LineDayCounts(prefix: "linqbot.line_in")
    let outboundDays = LineDayCounts(prefix: "linqbot.line_out")

    init(configuration: LineHealthConfiguration) {
        self.configuration = configuration
        self.pacer = PairPacer(policy: configuration.pacing)
    }

    func name(_ turn: LineHealthTurn) -> String { configuration.businessName ?? turn.botID }

    func handle(
        _ action: OutboundAction, turn: LineHealthTurn, next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult {
        let facts = await turn.facts()
        let target = Target(action: action, facts: facts, turn: turn)
        if !action.isComplianceNotice {
            let ledger = OptOutLedger(store: turn.store)
            for handle in optOutHandles(action, target: target) where try await ledger.isOptedOut(handle, now: turn.now) {
                return refuse(action, "opt_out", "\(handle) opted out", turn)
            }
        }
        if let refusal = try await groupOptOutRefusal(action, facts: facts, turn: turn) { return refusal }
        switch action.kind {
        case .typing(let on):
            if on {
                guard typingShows(facts, turn) else { return .refused("Linq shows no typing indicator in this chat") }
            } else if !turn.typingShown {
                return .refused("no typing indicator is showing")
            }
            let result = try await next(action)
            turn.noteTyping(on)
            return result
        case .shareContactCard:
            guard let facts, try await cardIsDue(facts, turn) else {
                return refuse(action, "contact_card", "the contact card was shared in this chat today already", turn)
            }
            return try await shareCard(facts: facts, target: target, turn: turn, next: next) ?? .refused("the line has no contact card")
        case .markRead, .reaction:
            return try await next(action)
        case .message, .voiceMemo, .autoFromMessage:
            return try await message(action, target: target, facts: facts, turn: turn, next: next)
        case .edit, .delete, .appCardUpdate, .stickerMove, .participantAdded, .participantRemoved, .chatUpdate, .leave, .locationRequest,
            .locationStop:
            return try await chatChange(action, target: target, turn: turn, next: next)
        }
    }

    /// The rules of a message, in order: stale, FLAGGED line, proactive limits (quiet hours,
    /// follow-ups, reputation, budget), first-message rules, SMS length, then the paced send.
    private func message(
        _ action: OutboundAction, target: Target, facts: ChatFacts?, turn: LineHealthTurn,
        next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult {
        let now = turn.now
        if !action.isProactive, !action.isComplianceNotice {
            let age = now.timeIntervalSince(turn.event.createdAt)
            if age > configuration.staleReplyAge.seconds {
                LineHealthMetrics.rule("stale", "dead")
                turn.logger.warning("a stale reply was not sent", metadata: ["linq.age_s": "\(Int(age))"])
                throw LineHealthError.staleReply(ageSeconds: Int(age))
            }
        }
        if let line = target.line, try await isFlagged(line, store: turn.store, now: now), !action.isComplianceNotice {
            if action.isProactive || configuration.repliesWhileFlagged == .hold {
                LineHealthMetrics.rule("flagged_line", "held")
                throw LineHealthError.held(until: now.addingTimeInterval(configuration.flaggedRecheck.seconds), reason: "the line \(line) is FLAGGED")
            }
            if configuration.repliesWhileFlagged == .drop { return refuse(action, "flagged_line", "the line \(line) is FLAGGED", turn) }
        }
        if let replay = try await replayOfEarlierRun(action, turn: turn, next: next) { return replay }
        if action.isProactive, !action.isComplianceNotice {
            if let quiet = configuration.quietHours, quiet.contains(now, in: turn.timeZone) {
                LineHealthMetrics.rule("quiet_hours", "held")
                throw LineHealthError.held(until: quiet.end(after: now, in: turn.timeZone), reason: "quiet hours in \(turn.timeZone.identifier)")
            }
            if let facts, let limit = followUpLimit(for: facts), facts.unanswered >= limit {
                return refuse(action, "follow_up", "\(facts.unanswered) messages in a row went unanswered", turn)
            }
            try await holdForReputation(action, target: target, facts: facts, turn: turn)
            if let line = target.line, try await budgetSpent(line, store: turn.store, now: now) {
                LineHealthMetrics.rule("daily_budget", "held")
                throw LineHealthError.held(until: Self.nextUTCDay(after: now), reason: "the line \(line) spent its daily budget")
            }
        }
        guard case .message(let content, let override) = action.kind else { return try await send(action, target: target, facts: facts, turn: turn, next: next) }
        if action.chatID == nil {
            do {
                try content.validate(forNewChat: true)
            } catch {
                turn.logger.error("a first message broke Linq's first-message rules and was not sent", metadata: ["linq.error": "\(error)"])
                return refuse(action, "first_message", "\(error)", turn)
            }
        }
        if facts?.isSMS == true, content.parts?.count == 1, let text = content.plainText {
            let segments = SMSSegments(text)
            LineHealthMetrics.smsSegments(segments.count)
            if segments.count > configuration.sms.maxSegments {
                switch configuration.sms.longText {
                case .warn:
                    turn.logger.warning("a long SMS", metadata: ["linq.sms_segments": "\(segments.count)", "linq.sms_encoding": "\(segments.encoding)"])
                case .split:
                    var last: OutboundResult = .refused("nothing to send")
                    for (index, piece) in SMSSegments.split(text).enumerated() {
                        var part = action
                        var pieceContent = MessageContent.text(piece)
                        pieceContent.idempotencyKey = content.idempotencyKey.map { IdempotencyKey.derive($0, "sms-\(index)") }
                        part.kind = .message(pieceContent, overrideOptOut: override)
                        part.idempotencyKey = pieceContent.idempotencyKey
                        last = try await send(part, target: target, facts: facts, turn: turn, next: next)
                        if case .refused = last { return last }
                    }
                    return last
                }
            }
        }
        return try await send(action, target: target, facts: facts, turn: turn, next: next)
    }

    /// A message this event already sent in an earlier run (before a hold or a retry) goes
    /// straight to Linq, which answers with the original; one Linq said it deleted is not resent.
    private func replayOfEarlierRun(
        _ action: OutboundAction, turn: LineHealthTurn, next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult? {
        guard let key = action.idempotencyKey, let record = try await turn.store.sentMessage(idempotencyKey: key) else { return nil }
        if record.messageID.isEmpty { return .refused("Linq deleted the message sent with this key; it is never resent") }
        return try await next(action)
    }

    func refuse(_ action: OutboundAction, _ rule: String, _ reason: String, _ turn: LineHealthTurn) -> OutboundResult {
        LineHealthMetrics.rule(rule, "refused")
        turn.logger.notice("line health refused an action", metadata: [
            "linq.action": "\(action.kind.metricName)", "linq.rule": "\(rule)", "linq.reason": "\(reason)",
        ])
        return .refused(reason)
    }

    /// Whether Linq shows a typing indicator in the chat: iMessage, a direct chat, recent activity.
    func typingShows(_ facts: ChatFacts?, _ turn: LineHealthTurn) -> Bool {
        guard let facts, facts.isIMessage, !facts.isGroup, let last = facts.lastActivity else { return false }
        let window = (configuration.typing ?? TypingPolicy()).recentActivity.seconds
        return turn.now.timeIntervalSince(last) <= window
    }

    static func nextUTCDay(after date: Date) -> Date {
        let utc = TimeZone(identifier: "UTC") ?? .current
        return (try? LocalTime.next(DateComponents(hour: 0, minute: 0, second: 0), after: date, in: utc)) ?? date.addingTimeInterval(86_400)
    }
}

/// Who an action reaches, as line health sees it.
struct Target {
    /// Our line.
    var line: String?
    /// Everyone it reaches.
    var people: [String]
    /// The people of a direct chat (a group's members are not opted out of the group).
    var direct: [String]
    /// The line–person pairs it counts against.
    var pairs: [String] { people.map { "\(line ?? "?")>\($0)" } }

    init(action: OutboundAction, facts: ChatFacts?, turn: LineHealthTurn) {
        line = action.line ?? facts?.line ?? turn.line
        if action.chatID == nil || facts == nil || facts?.people.isEmpty == true {
            people = action.recipients
        } else {
            people = facts?.people ?? []
        }
        let group = facts?.isGroup ?? turn.isGroup ?? false
        direct = group ? [] : people
    }
}
