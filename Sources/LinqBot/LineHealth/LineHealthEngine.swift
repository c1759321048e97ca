import Foundation
import LinqAPI
import LinqModels
import Logging
import Synchronization

/// Line health at the send layer: every action of the bot passes here last, right before the
/// client, whatever sent it (a handler, a flow, a timer, business code, another middleware).
/// It refuses what would hurt the line (anything to an opted-out person, proactive messages
/// in quiet hours, after too many unanswered ones, on a FLAGGED line or to a CRITICAL chat,
/// stale replies), paces
/// what may go, and keeps the books (typing, contact card, budget, engagement).
final class LineHealthEngine: Sendable {
    let configuration: LineHealthConfiguration
    let pacer: PairPacer
    let book = Mutex(LineBook())

    init(configuration: LineHealthConfiguration) {
        self.configuration = configuration
        self.pacer = PairPacer(policy: configuration.pacing)
    }

    func name(_ context: ChatContext) -> String { configuration.businessName ?? context.botID }

    func handle(
        _ action: OutboundAction, context: ChatContext, next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult {
        let facts = await context.chatFacts()
        let target = Target(action: action, facts: facts, context: context)
        if !action.isComplianceNotice {
            let ledger = OptOutLedger(store: context.store)
            for handle in optOutHandles(action, target: target) where try await ledger.isOptedOut(handle, now: context.now) {
                return refuse(action, "opt_out", "\(handle) opted out", context)
            }
        }
        switch action.kind {
        case .typing(let on):
            if on {
                guard typingShows(facts, context) else { return .refused("Linq shows no typing indicator in this chat") }
            } else if !context.turn.withLock({ $0.typingShown }) {
                return .refused("no typing indicator is showing")
            }
            let result = try await next(action)
            context.turn.withLock {
                $0.typingShown = on
                $0.typingSentAt = on ? context.now : nil
            }
            return result
        case .shareContactCard:
            guard let facts, try await cardIsDue(facts, context) else {
                return refuse(action, "contact_card", "the contact card was shared in this chat today already", context)
            }
            return try await shareCard(facts: facts, target: target, context: context, next: next) ?? .refused("the line has no contact card")
        case .markRead, .reaction:
            return try await next(action)
        case .message, .voiceMemo, .autoFromMessage:
            return try await message(action, target: target, facts: facts, context: context, next: next)
        case .edit, .delete, .appCardUpdate, .stickerMove, .participantAdded, .participantRemoved, .chatUpdate, .leave, .locationRequest,
            .locationStop:
            return try await chatChange(action, target: target, context: context, next: next)
        }
    }

    /// The rules of a message, in order: stale, FLAGGED line, proactive limits (quiet hours,
    /// follow-ups, reputation, budget), first-message rules, SMS length, then the paced send.
    private func message(
        _ action: OutboundAction, target: Target, facts: ChatFacts?, context: ChatContext,
        next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult {
        let now = context.now
        if !action.isProactive, !action.isComplianceNotice {
            let age = now.timeIntervalSince(context.event.createdAt)
            if age > configuration.staleReplyAge.seconds {
                LineHealthMetrics.rule("stale", "dead")
                context.logger.warning("a stale reply was not sent", metadata: ["linq.age_s": "\(Int(age))"])
                throw LineHealthError.staleReply(ageSeconds: Int(age))
            }
        }
        if let line = target.line, try await isFlagged(line, store: context.store, now: now), !action.isComplianceNotice {
            if action.isProactive || configuration.repliesWhileFlagged == .hold {
                LineHealthMetrics.rule("flagged_line", "held")
                throw LineHealthError.held(until: now.addingTimeInterval(configuration.flaggedRecheck.seconds), reason: "the line \(line) is FLAGGED")
            }
            if configuration.repliesWhileFlagged == .drop { return refuse(action, "flagged_line", "the line \(line) is FLAGGED", context) }
        }
        if let replay = try await replayOfEarlierRun(action, context: context, next: next) { return replay }
        if action.isProactive, !action.isComplianceNotice {
            if let quiet = configuration.quietHours, quiet.contains(now, in: context.timeZone) {
                LineHealthMetrics.rule("quiet_hours", "held")
                throw LineHealthError.held(until: quiet.end(after: now, in: context.timeZone), reason: "quiet hours in \(context.timeZone.identifier)")
            }
            if let facts, let limit = followUpLimit(for: facts), facts.unanswered >= limit {
                return refuse(action, "follow_up", "\(facts.unanswered) messages in a row went unanswered", context)
            }
            try await holdForReputation(action, target: target, facts: facts, context: context)
            if let line = target.line, try await budgetSpent(line, store: context.store, now: now) {
                LineHealthMetrics.rule("daily_budget", "held")
                throw LineHealthError.held(until: Self.nextUTCDay(after: now), reason: "the line \(line) spent its daily budget")
            }
        }
        guard case .message(let content, let override) = action.kind else { return try await send(action, target: target, facts: facts, context: context, next: next) }
        if action.chatID == nil {
            do {
                try content.validate(forNewChat: true)
            } catch {
                context.logger.error("a first message broke Linq's first-message rules and was not sent", metadata: ["linq.error": "\(error)"])
                return refuse(action, "first_message", "\(error)", context)
            }
        }
        if facts?.isSMS == true, content.parts?.count == 1, let text = content.plainText {
            let segments = SMSSegments(text)
            LineHealthMetrics.smsSegments(segments.count)
            if segments.count > configuration.sms.maxSegments {
                switch configuration.sms.longText {
                case .warn:
                    context.logger.warning("a long SMS", metadata: ["linq.sms_segments": "\(segments.count)", "linq.sms_encoding": "\(segments.encoding)"])
                case .split:
                    var last: OutboundResult = .refused("nothing to send")
                    for (index, piece) in SMSSegments.split(text).enumerated() {
                        var part = action
                        var pieceContent = MessageContent.text(piece)
                        pieceContent.idempotencyKey = content.idempotencyKey.map { IdempotencyKey.derive($0, "sms-\(index)") }
                        part.kind = .message(pieceContent, overrideOptOut: override)
                        part.idempotencyKey = pieceContent.idempotencyKey
                        last = try await send(part, target: target, facts: facts, context: context, next: next)
                        if case .refused = last { return last }
                    }
                    return last
                }
            }
        }
        return try await send(action, target: target, facts: facts, context: context, next: next)
    }

    /// A message this event already sent in an earlier run (before a hold or a retry) goes
    /// straight to Linq, which answers with the original; one Linq said it deleted is not resent.
    private func replayOfEarlierRun(
        _ action: OutboundAction, context: ChatContext, next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult? {
        guard let key = action.idempotencyKey, let record = try await context.store.sentMessage(idempotencyKey: key) else { return nil }
        if record.messageID.isEmpty { return .refused("Linq deleted the message sent with this key; it is never resent") }
        return try await next(action)
    }

    func refuse(_ action: OutboundAction, _ rule: String, _ reason: String, _ context: ChatContext) -> OutboundResult {
        LineHealthMetrics.rule(rule, "refused")
        context.logger.notice("line health refused an action", metadata: [
            "linq.action": "\(action.kind.metricName)", "linq.rule": "\(rule)", "linq.reason": "\(reason)",
        ])
        return .refused(reason)
    }

    /// Whether Linq shows a typing indicator in the chat: iMessage, a direct chat, recent activity.
    func typingShows(_ facts: ChatFacts?, _ context: ChatContext) -> Bool {
        guard let facts, facts.isIMessage, !facts.isGroup, let last = facts.lastActivity else { return false }
        let window = (configuration.typing ?? TypingPolicy()).recentActivity.seconds
        return context.now.timeIntervalSince(last) <= window
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

    init(action: OutboundAction, facts: ChatFacts?, context: ChatContext) {
        line = action.line ?? facts?.line ?? context.line
        if action.chatID == nil || facts == nil || facts?.people.isEmpty == true {
            people = action.recipients
        } else {
            people = facts?.people ?? []
        }
        let group = facts?.isGroup ?? context.isGroup ?? false
        direct = group ? [] : people
    }
}
