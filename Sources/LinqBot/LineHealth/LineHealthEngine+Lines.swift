import Foundation
import LinqModels
import Logging
import Synchronization

/// What line health knows about each line in this process.
struct LineBook: Sendable {
    /// FLAGGED (`true`) or ACTIVE, as last read or reported, and when.
    var flagged: [String: (isFlagged: Bool, at: Date)] = [:]
    /// Lines that answered 2012 (no contact card).
    var linesWithoutCard: Set<String> = []
    /// The day's outbound count at this instance's last low-ratio warning, per line.
    var ratioWarnedAt: [String: Int] = [:]
}

extension LineHealthEngine {
    static func flaggedKey(_ line: String) -> String { "linqbot.line_flagged:" + line }

    /// How long a line's status is taken from memory before the store is read again (another
    /// instance may have received the status change).
    static let lineStatusRecheck: TimeInterval = 10

    /// Whether the line is FLAGGED: from memory when read in the last ``lineStatusRecheck``
    /// seconds, else from the store.
    func isFlagged(_ line: String, store: any BotStore, now: Date) async throws -> Bool {
        if let known = book.withLock({ $0.flagged[line] }), now.timeIntervalSince(known.at) < Self.lineStatusRecheck { return known.isFlagged }
        let flagged = try await store.counter(Self.flaggedKey(line), now: now) > 0
        book.withLock { $0.flagged[line] = (flagged, now) }
        return flagged
    }

    /// Takes in `phone_number.status_updated`: FLAGGED pauses proactive sends on the line until
    /// it is ACTIVE again. When the status differs from the stored one, the line pool hears of
    /// it (and the bot's line-status hook runs), once per change.
    func lineStatusChanged(_ status: PhoneNumberStatusEvent, turn: LineHealthTurn) async throws {
        let line = status.phoneNumber
        let flagged = status.newStatus == .flagged
        let wasFlagged = try await turn.store.counter(Self.flaggedKey(line), now: turn.now) > 0
        if flagged {
            try await turn.store.resetCounter(Self.flaggedKey(line))
            _ = try await turn.store.incrementCounter(Self.flaggedKey(line), by: 1, expiresAt: nil, now: turn.now)
            turn.logger.warning("the line is FLAGGED: proactive sends wait until it is ACTIVE again", metadata: ["linq.line": "\(line)"])
        } else {
            try await turn.store.resetCounter(Self.flaggedKey(line))
            turn.logger.notice("the line is \(status.newStatus.rawValue)", metadata: ["linq.line": "\(line)"])
        }
        book.withLock { $0.flagged[line] = (flagged, turn.now) }
        if wasFlagged != flagged, let pool = turn.environment.linePool {
            await pool.statusChanged(LineStatusChange(line: line, previous: wasFlagged ? .flagged : .active, status: status.newStatus, at: turn.now))
        }
    }

    /// Whether the line's messages today (UTC) reached the daily budget.
    func budgetSpent(_ line: String, store: any BotStore, now: Date) async throws -> Bool {
        try await dayCounts.total(line: line, now: now, store: store) >= configuration.dailyLineBudget
    }

    /// Counts `count` messages against the line's day (see ``LineDayCounts``) and its engagement
    /// figures; warns as the budget runs out.
    func countMessages(_ count: Int, line: String, inbound: Bool, store: any BotStore, now: Date, logger: Logger) async throws {
        let budget = configuration.dailyLineBudget
        let (before, total) = try await dayCounts.add(count, line: line, now: now, store: store)
        let warnAt = max(1, Int(Double(budget) * configuration.budgetWarningShare))
        if before < warnAt, total >= warnAt, warnAt < budget {
            logger.warning("the line used \(total) of its \(budget) messages today", metadata: ["linq.line": "\(line)"])
        }
        if before < budget, total >= budget {
            LineHealthMetrics.rule("daily_budget", "spent")
            logger.warning("the line spent its daily budget: proactive sends wait for tomorrow (UTC)", metadata: ["linq.line": "\(line)"])
        }
        for _ in 0..<count { LineHealthMetrics.message(line: line, inbound: inbound) }
        try await recordEngagement(count, line: line, inbound: inbound, store: store, now: now, logger: logger)
    }

    /// Counts messages (or a person's tapback, which Linq counts as a reply) in the line's
    /// engagement figures of the day; warns when the reply ratio falls below the guidance.
    func recordEngagement(_ count: Int = 1, line: String, inbound: Bool, store: any BotStore, now: Date, logger: Logger) async throws {
        _ = try await (inbound ? inboundDays : outboundDays).add(count, line: line, now: now, store: store)
        let (received, sent) = engagement(line: line, now: now)
        guard sent > 0 else { return }
        let ratio = Double(received) / Double(sent)
        LineHealthMetrics.replyRatio(line: line, ratio)
        let warn = book.withLock { book -> Bool in
            let due = sent >= configuration.engagementMinimum && ratio < configuration.minimumReplyRatio
                && sent - (book.ratioWarnedAt[line] ?? -configuration.engagementMinimum) >= configuration.engagementMinimum
            if due { book.ratioWarnedAt[line] = sent }
            return due
        }
        if warn {
            logger.warning("few people answer this line: Linq advises at least one reply for every two messages", metadata: [
                "linq.line": "\(line)", "linq.reply_ratio": "\(String(format: "%.2f", ratio))",
            ])
        }
    }

    /// The line's messages received and sent today (UTC), by every instance, as last synced.
    func engagement(line: String, now: Date) -> (inbound: Int, outbound: Int) {
        (inboundDays.known(line: line, now: now), outboundDays.known(line: line, now: now))
    }

    /// The same figures, read from the store when the last sync is more than a second old.
    func engagement(line: String, now: Date, store: any BotStore) async throws -> (inbound: Int, outbound: Int) {
        (try await inboundDays.total(line: line, now: now, store: store), try await outboundDays.total(line: line, now: now, store: store))
    }
}
