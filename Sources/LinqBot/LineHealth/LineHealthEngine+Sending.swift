import Foundation
import LinqAPI
import LinqModels
import Logging
import Synchronization

extension LineHealthEngine {
    /// Sends a message at its paced moment, with the typing indicator while it waits. A 429
    /// blocks the pair until its `Retry-After` and the send tries again; a 403 / 2024 opts the
    /// people out; a 404 on a reused key marks the key as never to be resent.
    func send(
        _ action: OutboundAction, target: Target, facts: ChatFacts?, turn: LineHealthTurn, next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult {
        let length = {
            if case .message(let content, _) = action.kind { return content.plainText?.count ?? 0 }
            return 0
        }()
        var rateLimits = 0
        while true {
            try await waitForTurn(action, target: target, facts: facts, length: length, turn: turn, next: next)
            if turn.typingShown {
                _ = try? await next(OutboundAction(kind: .typing(false), chatID: action.chatID, line: target.line, recipients: target.people))
                turn.noteTyping(false)
            }
            do {
                let result = try await next(action)
                try await delivered(action, target: target, turn: turn, next: next)
                return result
            } catch let error as LinqAPIError where error.isRateLimited {
                rateLimits += 1
                let wait = Self.rateLimitWait(error.retryAfter, streak: rateLimits)
                try await pacer.block(pairs: target.pairs, until: turn.now.addingTimeInterval(wait), store: turn.store)
                LineHealthMetrics.rule("rate_limited", "retried")
                turn.logger.notice("Linq answered 429; the pair waits", metadata: ["linq.retry_in_s": "\(wait)", "linq.attempt": "\(rateLimits)"])
                guard rateLimits < 64 else { throw error }
            } catch let error as LinqAPIError where error.isRecipientOptedOut {
                let ledger = OptOutLedger(store: turn.store)
                for handle in target.direct { try await ledger.optOut(handle, at: turn.now, now: turn.now) }
                return refuse(action, "opt_out", "Linq says \(target.direct.joined(separator: ", ")) opted out (2024)", turn)
            } catch let error as LinqAPIError where error.code == .lineIneligible {
                // The line is FLAGGED or otherwise barred for now: try again later, nothing lost.
                LineHealthMetrics.rule("flagged_line", "held")
                throw LineHealthError.held(until: turn.now.addingTimeInterval(configuration.flaggedRecheck.seconds), reason: "Linq: \(error.message)")
            } catch let error as LinqAPIError where error.status == 404 && error.code == .messageNotFound {
                guard let key = action.idempotencyKey, let chat = action.chatID ?? turn.chatID else { throw error }
                try await turn.store.recordSent(SentMessageRecord(
                    idempotencyKey: key, chatKey: chat.rawValue, messageID: "", eventID: turn.event.eventID.rawValue, sentAt: turn.now
                ))
                return refuse(action, "deleted_key", "Linq deleted the message sent with this key; it is never resent", turn)
            }
        }
    }

    /// The wait after a 429: Linq's `Retry-After` (capped at an hour) plus up to 10 % jitter,
    /// or, without a usable one, an exponential backoff with full jitter capped at 5 minutes.
    static func rateLimitWait(_ retryAfter: Duration?, streak: Int) -> Double {
        if let retryAfter, retryAfter > .zero {
            let seconds = min(retryAfter.seconds, RetryAfter.cap.seconds)
            return seconds * (1 + Double.random(in: 0...0.1))
        }
        return Double.random(in: 0...min(pow(2, Double(max(streak, 1))), 300))
    }

    /// Books the send's moment and waits for it (with the typing indicator when the wait is
    /// long enough to notice), or holds the event when the moment is too far off.
    private func waitForTurn(
        _ action: OutboundAction, target: Target, facts: ChatFacts?, length: Int, turn: LineHealthTurn,
        next: (OutboundAction) async throws -> OutboundResult
    ) async throws {
        let policy = configuration.pacing
        let gap = min(policy.minimumGap.seconds + policy.perCharacter.seconds * Double(length), policy.maximumGap.seconds)
            * (1 + Double.random(in: -policy.jitter...policy.jitter))
        let chat = action.chatID ?? turn.chatID
        // The turn's facts are its own chat's: they know the last message, whichever instance sent it.
        let lastOutbound = chat == turn.chatID ? facts?.lastOutboundAt : nil
        let reservation = try await pacer.reserve(
            pairs: target.pairs, chat: chat?.rawValue, gap: gap, lastOutbound: lastOutbound, now: turn.now,
            longestWait: policy.longestInlineWait.seconds, store: turn.store
        )
        switch reservation {
        case .tooLate(let date):
            LineHealthMetrics.rule("pacing", "held")
            throw LineHealthError.held(until: date, reason: "the pair's pace allows the next message only then")
        case .at(let date):
            let wait = date.timeIntervalSince(turn.now)
            guard wait > 0 else { return }
            LineHealthMetrics.pacingWait(.milliseconds(Int64(wait * 1000)))
            if wait >= 1, !action.isComplianceNotice, !turn.typingShown, typingShows(facts, turn) {
                let typing = OutboundAction(kind: .typing(true), chatID: action.chatID, line: target.line, recipients: target.people)
                if (try? await next(typing)) != nil { turn.noteTyping(true) }
            }
            try await turn.sleep(until: date, asHandler: true)
        }
    }

    /// After a message went: the chat's rhythm, the line's budget, engagement and response
    /// rate, and the day's contact card.
    private func delivered(
        _ action: OutboundAction, target: Target, turn: LineHealthTurn, next: (OutboundAction) async throws -> OutboundResult
    ) async throws {
        guard let line = target.line else { return }
        try await countMessages(1, line: line, inbound: false, store: turn.store, now: turn.now, logger: turn.logger)
        try await messageDelivered(action, line: line, turn: turn)
        guard action.chatID != nil else { return }
        var facts = await turn.facts() ?? ChatFacts()
        facts.line = facts.line ?? line
        if facts.people.isEmpty { facts.people = target.people }
        facts.lastOutboundAt = turn.now
        if !action.isComplianceNotice { facts.unanswered += 1 }
        turn.storeFacts(facts)
        if configuration.shareContactCard, !action.isComplianceNotice, try await cardIsDue(facts, turn) {
            _ = try await shareCard(facts: facts, target: target, turn: turn, next: next)
        }
    }

    /// Whether the chat's card may be shared now: iMessage, a direct chat, not yet today, and
    /// never within 5 minutes of the last share.
    func cardIsDue(_ facts: ChatFacts, _ turn: LineHealthTurn) async throws -> Bool {
        guard facts.isIMessage, !facts.isGroup, let line = facts.line ?? turn.line, !book.withLock({ $0.linesWithoutCard.contains(line) }) else {
            return false
        }
        if facts.cardDay == Self.day(turn.now, in: turn.timeZone) { return false }
        if let last = facts.lastCardAt, turn.now.timeIntervalSince(last) < 300 { return false }
        return true
    }

    /// Shares the contact card once for the chat's day (a counter on chat and day makes it
    /// once, even with several instances). Returns `nil` when the line has no card.
    func shareCard(
        facts: ChatFacts, target: Target, turn: LineHealthTurn, next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult? {
        guard let chat = turn.chatID else { return .refused("no chat to share the card in") }
        let day = Self.day(turn.now, in: turn.timeZone)
        let claims = try await turn.store.incrementCounter(
            "linqbot.card:\(chat.rawValue):\(day)", by: 1, expiresAt: turn.now.addingTimeInterval(3 * 86_400), now: turn.now
        )
        var facts = await turn.facts() ?? facts
        facts.cardDay = day
        facts.lastCardAt = turn.now
        turn.storeFacts(facts)
        guard claims == 1 else { return .refused("the contact card was shared in this chat today already") }
        do {
            let result = try await next(OutboundAction(kind: .shareContactCard, chatID: chat, line: target.line, recipients: target.people))
            LineHealthMetrics.contactCard("shared")
            return result
        } catch let error as LinqAPIError where error.code == .noContactCard {
            if let line = facts.line { book.withLock { _ = $0.linesWithoutCard.insert(line) } }
            LineHealthMetrics.contactCard("no_card")
            turn.logger.notice("the line has no contact card; sharing is skipped (set one up with POST /v3/contact_card)")
            return nil
        } catch let error as LinqAPIError {
            LineHealthMetrics.contactCard("failed")
            turn.logger.warning("the contact card was not shared", metadata: ["linq.error": "\(error)"])
            return .refused("\(error)")
        }
    }

    /// A date's day (yyyy-MM-dd) in UTC: the day of the line's budget and counters.
    static func utcDay(_ date: Date) -> String { label(daysSince1970: ResponseRateCounters.dayIndex(date)) }

    /// A date's day (yyyy-MM-dd) in `zone`.
    static func day(_ date: Date, in zone: TimeZone) -> String {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        return label(daysSince1970: Int((local / 86_400).rounded(.down)))
    }

    /// The civil date of a day counted from 1970-01-01, as yyyy-MM-dd (the proleptic Gregorian
    /// calendar, by whole-number arithmetic: this runs for every message).
    static func label(daysSince1970 days: Int) -> String {
        let shifted = days + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153  // March is 0
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}

extension MessageContent {
    /// The message's text parts, joined by new lines; `nil` when it has none.
    var plainText: String? {
        let texts = (parts ?? []).compactMap { part -> String? in
            if case .text(let text) = part { return text.value }
            return nil
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }
}
