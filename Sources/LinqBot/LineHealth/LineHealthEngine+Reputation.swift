import Foundation
import LinqAPI
import LinqModels
import Logging

/// Reputation: tapbacks as answers, the chats' `health_status`, and each line's 7-day
/// response rate (see ``ReputationPolicy`` and ``ResponseRate``).
extension LineHealthEngine {
    /// On the way in, before anything else: takes in the chat health an event carries and
    /// counts a person's tapback as an answer.
    func observeReputation(_ turn: LineHealthTurn) async throws {
        let policy = configuration.reputation
        if policy.followsChatHealth, let health = turn.event.chatHealthStatus {
            var facts = turn.storedFacts ?? ChatFacts()
            if let message = turn.event.message, message.kind == .received, !Bot.isOwn(message) { facts.absorb(message) }
            if case .chatCreated(let chat) = turn.event.payload, facts.people.isEmpty {
                facts.line = chat.handles.first(where: { $0.isMe == true })?.handle ?? facts.line
                facts.people = chat.handles.filter { $0.isMe != true }.map(\.handle)
                facts.isGroup = chat.isGroup
            }
            try await healthArrived(health, facts: &facts, turn: turn)
            turn.storeFacts(facts)
        }
        if policy.tapbacksCountAsReplies, case .reaction(let reaction) = turn.event.payload, reaction.isAdded, !reaction.isFromMe {
            try await tapbackArrived(turn)
        }
    }

    /// Takes in a chat's health as Linq reports it: OPTED_OUT opts the person of a direct chat
    /// out (as a 403 / 2024 would); CRITICAL and AT_RISK are remembered in the chat's facts
    /// for the send rules; HEALTHY forgets them. A report older than the one we know is ignored.
    func healthArrived(_ status: HealthStatus, facts: inout ChatFacts, turn: LineHealthTurn) async throws {
        let before = facts.health
        guard facts.noteHealth(status, at: turn.now) else { return }
        LineHealthMetrics.chatHealth(status.status.rawValue)
        let metadata: Logger.Metadata = ["linq.chat_health": "\(status.status.rawValue)", "linq.previous_health": "\(before ?? "HEALTHY")"]
        switch status.status {
        case .optedOut:
            guard !facts.isGroup, !facts.people.isEmpty else { return }
            let ledger = OptOutLedger(store: turn.store)
            for handle in facts.people { try await ledger.optOut(handle, at: status.updatedAt, now: turn.now) }
            turn.logger.notice("Linq reports the chat OPTED_OUT: nothing more goes to the person", metadata: metadata)
        case .critical:
            turn.logger.warning("Linq reports the chat CRITICAL: proactive sends to it wait", metadata: metadata)
        case .atRisk:
            turn.logger.notice("Linq reports the chat AT_RISK: fewer unanswered messages are allowed", metadata: metadata)
        default:
            turn.logger.notice("the chat's health changed", metadata: metadata)
        }
    }

    /// A person's tapback: an answer for the follow-up guard, engagement and the response rate.
    private func tapbackArrived(_ turn: LineHealthTurn) async throws {
        guard var facts = await turn.facts() else { return }
        facts.lastInboundAt = turn.now
        facts.unanswered = 0
        turn.storeFacts(facts)
        guard let line = facts.line else { return }
        try await recordEngagement(line: line, inbound: true, store: turn.store, now: turn.now, logger: turn.logger)
        try await personAnswered(line: line, turn: turn)
    }

    /// The person answered (wrote or tapped back) in the context's chat.
    func personAnswered(line: String, turn: LineHealthTurn) async throws {
        guard let chat = turn.chatID else { return }
        if try await ResponseRateCounters(store: turn.store).answered(chat: chat.rawValue, line: line, now: turn.now) {
            try await reportResponseRate(line: line, turn: turn)
        }
    }

    /// After a message went: a proactive one may begin an outreach.
    func messageDelivered(_ action: OutboundAction, line: String, turn: LineHealthTurn) async throws {
        guard action.isProactive, !action.isComplianceNotice, let chat = action.chatID ?? turn.chatID else { return }
        if try await ResponseRateCounters(store: turn.store).proactiveSent(chat: chat.rawValue, line: line, now: turn.now) {
            try await reportResponseRate(line: line, turn: turn)
        }
    }

    /// Reads the line's response rate, records its gauge and, under the warning threshold with
    /// enough outreaches, logs a warning (once a UTC day per line, across instances).
    @discardableResult
    func reportResponseRate(line: String, turn: LineHealthTurn) async throws -> ResponseRate {
        let figure = try await ResponseRateCounters(store: turn.store).rate(line: line, now: turn.now)
        guard let rate = figure.rate else { return figure }
        LineHealthMetrics.responseRate(line: line, rate)
        let policy = configuration.reputation
        guard figure.outreaches >= policy.responseRateMinimumSample, rate < policy.responseRateWarning else { return figure }
        let key = "linqbot.rr_warned:\(line):\(Self.utcDay(turn.now))"
        if try await turn.store.incrementCounter(key, by: 1, expiresAt: turn.now.addingTimeInterval(2 * 86_400), now: turn.now) == 1 {
            turn.logger.warning("few people answer this line's outreaches: Linq throttles lines answered under 15 %", metadata: [
                "linq.line": "\(line)", "linq.response_rate": "\(figure.percent)",
                "linq.outreaches": "\(figure.outreaches)", "linq.answered": "\(figure.answered)",
            ])
        }
        return figure
    }

    /// The follow-up guard's limit in the chat: the configured one, lowered while it is AT_RISK.
    func followUpLimit(for facts: ChatFacts) -> Int? {
        let usual = configuration.followUpLimit
        let policy = configuration.reputation
        guard policy.followsChatHealth, facts.health == ChatHealth.atRisk.rawValue, let risky = policy.atRiskFollowUpLimit else { return usual }
        return min(usual ?? risky, risky)
    }

    /// Proactive messages wait while their chat is CRITICAL (its health is looked up again once
    /// ``ReputationPolicy/criticalRecheck`` has passed) and, for a first message, while the
    /// line's response rate is under ``ReputationPolicy/responseRateFloor``.
    func holdForReputation(_ action: OutboundAction, target: Target, facts: ChatFacts?, turn: LineHealthTurn) async throws {
        let policy = configuration.reputation
        let now = turn.now
        if policy.followsChatHealth, var facts, facts.health == ChatHealth.critical.rawValue {
            let chat = action.chatID ?? turn.chatID
            if let chat, now.timeIntervalSince(facts.healthCheckedAt ?? .distantPast) >= policy.criticalRecheck.seconds {
                do {
                    let fresh = try await turn.environment.client.chats.get(chat)
                    try await healthArrived(fresh.healthStatus, facts: &facts, turn: turn)
                    facts.healthCheckedAt = now
                    turn.storeFacts(facts)
                } catch {
                    turn.logger.warning("line health could not look the chat's health up", metadata: ["linq.error": "\(error)"])
                }
            }
            if facts.health == ChatHealth.critical.rawValue {
                LineHealthMetrics.rule("chat_health", "held")
                throw LineHealthError.held(until: now.addingTimeInterval(policy.criticalRecheck.seconds), reason: "Linq reports the chat CRITICAL")
            }
        }
        if action.chatID == nil, let floor = policy.responseRateFloor, let line = target.line {
            let figure = try await reportResponseRate(line: line, turn: turn)
            if figure.outreaches >= policy.responseRateMinimumSample, let rate = figure.rate, rate < floor {
                LineHealthMetrics.rule("response_rate", "held")
                throw LineHealthError.held(
                    until: now.addingTimeInterval(policy.responseRateRecheck.seconds),
                    reason: "the line \(line) had \(figure.percent) of its outreaches answered in 7 days, under \(Int((floor * 100).rounded())) %"
                )
            }
        }
    }
}

extension ChatFacts {
    /// Takes in a health status read at `date`; returns whether it changed what we knew. A
    /// status older than the one we know is ignored.
    @discardableResult
    mutating func noteHealth(_ status: HealthStatus, at date: Date) -> Bool {
        healthCheckedAt = date
        if let known = healthChangedAt, status.updatedAt < known { return false }
        let value = status.status == .healthy ? nil : status.status.rawValue
        healthChangedAt = status.updatedAt
        guard value != health else { return false }
        health = value
        return true
    }
}

extension WebhookEvent {
    /// The chat's health, on the events that carry it (message events of 2026-02-03,
    /// `message.edited`, `chat.created`).
    var chatHealthStatus: HealthStatus? {
        switch payload {
        case .message(let message): message.chatHealth
        case .messageEdited(let edited): edited.chatHealth
        case .chatCreated(let chat): chat.healthStatus
        default: nil
        }
    }
}
