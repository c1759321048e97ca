import Foundation
import LinqAPI
import LinqModels
import Logging
import Synchronization

/// How the pool reports its lines and picks one for a person.
extension LinePool {
    /// Every line of the pool as it stands now (and its gauges recorded).
    func reports() async throws -> [LineReport] {
        let now = environment.now()
        let counts = try await store.lineAssignmentCounts()
        var reports: [LineReport] = []
        for line in try await lines() { reports.append(try await report(line, people: counts[line] ?? 0, now: now)) }
        return reports
    }

    /// One line's figures, and why it takes no new people, if it does not.
    func report(_ line: String, people: Int, now: Date) async throws -> LineReport {
        let status = try await status(line, now: now)
        let budget = dailyBudget
        let today = try await engine?.dayCounts.total(line: line, now: now, store: store) ?? 0
        let figure = try await ResponseRateCounters(store: store).rate(line: line, now: now)
        let seen = try await firstSeen(line, now: now)
        let age = ResponseRateCounters.dayIndex(now) - seen.day
        let rampUp = seen.established ? nil : configuration.rampUp?.limit(ageInDays: age, budget: budget)
        let firstContacts = try await store.counter(Self.firstContactsKey(line, now), now: now)
        var report = LineReport(
            line: line, status: status, messagesToday: today, dailyBudget: budget, responseRate: figure.rate, outreaches: figure.outreaches,
            firstSeen: Date(timeIntervalSince1970: Double(seen.day) * 86_400), ageInDays: age, rampUpLimit: rampUp,
            firstContactsToday: firstContacts, people: people, closedBecause: nil
        )
        let reputation = (engine?.configuration ?? LineHealthConfiguration()).reputation
        if status == .flagged {
            report.closedBecause = "the line is FLAGGED"
        } else if today >= budget {
            report.closedBecause = "the line spent its daily budget (\(today) of \(budget) messages)"
        } else if let floor = reputation.responseRateFloor, figure.outreaches >= reputation.responseRateMinimumSample, let rate = figure.rate,
            rate < floor
        {
            report.closedBecause = "\(figure.percent) of its outreaches were answered in 7 days, under \(Int((floor * 100).rounded())) %"
        } else if let rampUp, firstContacts >= rampUp {
            report.closedBecause = "it is ramping up: \(firstContacts) of its \(rampUp) first contacts today"
        }
        LinePoolMetrics.record(report)
        return report
    }

    /// The line for `handle`: the one the person has (kept in the store), else Linq's
    /// suggestion if it is open (``LinePoolConfiguration/linqSuggestions``), else the open line
    /// with the fewest people (then the fewest messages today); the line then counts a first
    /// contact. Throws ``LinePoolError/noLineAvailable(reasons:)`` when every line is closed.
    func line(for handle: String) async throws -> String {
        if let line = try await store.assignedLine(of: handle) { return line }
        let now = environment.now()
        let reports = try await reports()
        var open = reports.filter { $0.closedBecause == nil }
            .sorted { ($0.people, $0.messagesToday, $0.line) < ($1.people, $1.messagesToday, $1.line) }
        if configuration.linqSuggestions, open.count > 1,
            let suggested = await suggestion(for: handle, closed: reports.filter { $0.closedBecause != nil }.map(\.line)),
            let index = open.firstIndex(where: { $0.line == suggested })
        {
            open.insert(open.remove(at: index), at: 0)
        }
        var reasons: [String: String] = [:]
        for report in reports { reasons[report.line] = report.closedBecause }
        for candidate in open {
            let key = Self.firstContactsKey(candidate.line, now)
            let taken = try await store.incrementCounter(key, by: 1, expiresAt: now.addingTimeInterval(2 * 86_400), now: now)
            if let limit = candidate.rampUpLimit, taken > limit {
                // Another instance took the last first contact of the day meanwhile.
                _ = try await store.incrementCounter(key, by: -1, expiresAt: nil, now: now)
                reasons[candidate.line] = "it is ramping up: its \(limit) first contacts of today are taken"
                continue
            }
            let assignment = try await store.assignLine(candidate.line, to: handle, now: now)
            if !assignment.isNew { _ = try await store.incrementCounter(key, by: -1, expiresAt: nil, now: now) }
            known.withLock { _ = $0.assigned.insert(handle) }
            LinePoolMetrics.assigned(line: assignment.line)
            return assignment.line
        }
        throw LinePoolError.noLineAvailable(reasons: reasons)
    }

    /// Linq's choice of line for `handle` among the lines not `closed`
    /// (`GET /v3/available_number`), or `nil` when Linq cannot answer (the pool then decides
    /// alone). Asked once, never retried: a suggestion is not worth a new conversation's wait.
    func suggestion(for handle: String, closed: [String]) async -> String? {
        do {
            let client = environment.client.retrying(.none)
            return try await client.phoneNumbers.availableNumber(to: [handle], excludeFrom: closed.isEmpty ? nil : closed).phoneNumber
        } catch {
            logger.info("Linq suggested no line; the pool chooses alone", metadata: ["linq.error": "\(error)"])
            return nil
        }
    }
}
