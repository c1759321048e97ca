import Foundation
import LinqAPI
import LinqModels
import Logging
import Synchronization

/// The bot's lines as one pool: which lines there are (configured, or the account's from
/// `GET /v3/phone_numbers`, read when first needed and again once older than
/// ``LinePoolConfiguration/refreshInterval``), how each
/// stands (status, today's volume against the daily budget, 7-day response rate, age and
/// ramp-up, people), and which line a person gets (see ``line(for:)``).
///
/// What it decides lives in the store, so every instance agrees: each person's line
/// (``BotStore/assignLine(_:to:now:)``), each line's first-seen day
/// (`linqbot.line_first_seen:<line>`, days since 1970 plus one) and first contacts of the day
/// (`linqbot.line_first_contacts:<line>:<yyyy-MM-dd>`). Volume, status and response rate are line
/// health's own figures, read, never counted twice.
final class LinePool: Sendable {
    let configuration: LinePoolConfiguration
    /// Line health, for status, budget and reputation; `nil` when it was turned off.
    let engine: LineHealthEngine?
    let environment: BotEnvironment
    let statusHandler: (@Sendable (LineStatusChange) async throws -> Void)?
    /// The name in invitations.
    let businessName: String

    struct Known {
        var lines: [String] = []
        var listedAt: Date?
        /// First-seen days read or written, per line (`established` lines ramp up never).
        var firstSeen: [String: (day: Int, established: Bool)] = [:]
        /// People known to have a line, so an inbound message costs no store write.
        var assigned: Set<String> = []
        /// People known to have had the contact file.
        var hadContactFile: Set<String> = []
    }

    let known = Mutex(Known())

    init(
        configuration: LinePoolConfiguration, engine: LineHealthEngine?, environment: BotEnvironment, businessName: String,
        statusHandler: (@Sendable (LineStatusChange) async throws -> Void)?
    ) {
        self.configuration = configuration
        self.engine = engine
        self.environment = environment
        self.businessName = businessName
        self.statusHandler = statusHandler
    }

    var store: any BotStore { environment.store }
    var logger: Logger { environment.logger }
    var dailyBudget: Int { (engine?.configuration ?? LineHealthConfiguration()).dailyLineBudget }

    static func firstSeenKey(_ line: String) -> String { "linqbot.line_first_seen:" + line }
    static func establishedKey(_ line: String) -> String { "linqbot.line_established:" + line }
    static func contactFileKey(_ handle: String) -> String { "linqbot.contact_file:" + handle }
    static func firstContactsKey(_ line: String, _ now: Date) -> String { "linqbot.line_first_contacts:\(line):\(LineHealthEngine.utcDay(now))" }

    /// The pool's lines: the configured ones, else the account's, listed again once the list is
    /// older than the refresh interval (a failed refresh keeps the last list and logs why).
    func lines() async throws -> [String] {
        if let lines = configuration.lines { return lines }
        let now = environment.now()
        let cached = known.withLock { known in (known.lines, known.listedAt) }
        if let listedAt = cached.1, now.timeIntervalSince(listedAt) < configuration.refreshInterval.seconds { return cached.0 }
        do {
            let listed = try await environment.client.phoneNumbers.list().phoneNumbers.map(\.phoneNumber).sorted()
            known.withLock { known in
                known.lines = listed
                known.listedAt = now
            }
            if listed.isEmpty { throw LinePoolError.noLines("GET /v3/phone_numbers lists none") }
            return listed
        } catch let error as LinePoolError {
            throw error
        } catch {
            guard cached.1 != nil, !cached.0.isEmpty else { throw LinePoolError.noLines("GET /v3/phone_numbers failed: \(error)") }
            logger.warning("the line pool could not list the account's lines; it keeps the last list", metadata: ["linq.error": "\(error)"])
            known.withLock { $0.listedAt = now }
            return cached.0
        }
    }

    /// Lists the account's lines again at the next use (a status change named a line the pool may not know).
    func listAgain() { known.withLock { $0.listedAt = nil } }

    /// The line's status as line health last heard it.
    func status(_ line: String, now: Date) async throws -> LineStatus {
        guard let engine else { return .active }
        return try await engine.isFlagged(line, store: store, now: now) ? .flagged : .active
    }

    /// The UTC day (days since 1970) the bot first saw `line`, written once by whichever
    /// instance saw it first (a gate counter decides which); `established` when it needs no ramp-up.
    func firstSeen(_ line: String, now: Date) async throws -> (day: Int, established: Bool) {
        if let seen = known.withLock({ $0.firstSeen[line] }) { return seen }
        let today = ResponseRateCounters.dayIndex(now)
        var stored = try await store.counter(Self.firstSeenKey(line), now: now)
        if stored == 0, try await store.incrementCounter(Self.firstSeenKey(line) + ":gate", by: 1, expiresAt: nil, now: now) == 1 {
            let sent = try await ResponseRateCounters(store: store).rate(line: line, now: now).outreaches
            if configuration.establishedLines.contains(line) || sent > 0 {
                _ = try await store.incrementCounter(Self.establishedKey(line), by: 1, expiresAt: nil, now: now)
            }
            stored = try await store.incrementCounter(Self.firstSeenKey(line), by: today + 1, expiresAt: nil, now: now)
        } else if stored == 0 {
            // Another instance is writing it now: today, until it is read again.
            return (today, configuration.establishedLines.contains(line))
        }
        let established = try await store.counter(Self.establishedKey(line), now: now) > 0 || configuration.establishedLines.contains(line)
        let seen = (day: min(stored - 1, today), established: established)
        known.withLock { $0.firstSeen[line] = seen }
        return seen
    }

    /// Takes in a line's status change (line health calls it once per change) and tells the bot's hook.
    func statusChanged(_ change: LineStatusChange) async {
        if configuration.lines == nil, !known.withLock({ $0.lines.contains(change.line) }) { listAgain() }
        LinePoolMetrics.status(line: change.line, flagged: change.status == .flagged)
        guard let statusHandler else { return }
        do {
            try await statusHandler(change)
        } catch {
            logger.error("the line-status hook failed", metadata: ["linq.line": "\(change.line)", "linq.error": "\(error)"])
        }
    }

    /// Notes that `handle` wrote to `line`: a person without a line gets this one.
    func noteContact(_ handle: String, line: String, now: Date) async throws {
        guard !known.withLock({ $0.assigned.contains(handle) }) else { return }
        _ = try await store.assignLine(line, to: handle, now: now)
        known.withLock { known in
            if known.assigned.count >= 100_000 { known.assigned.removeAll() }
            known.assigned.insert(handle)
        }
    }

    /// Sends `handle` the contact file in `context`'s chat unless they had it: at most once per
    /// person, across instances (the counter `linqbot.contact_file:<handle>` decides; a send
    /// that fails after it is not tried again).
    func sendContactFile(to handle: String, line: String, context: ChatContext) async throws {
        guard configuration.contactFile, !known.withLock({ $0.hadContactFile.contains(handle) }) else { return }
        let now = context.now
        let key = Self.contactFileKey(handle)
        guard try await store.counter(key, now: now) == 0 else {
            known.withLock { _ = $0.hadContactFile.insert(handle) }
            return
        }
        let backups = try await lines().filter { $0 != line }
        guard try await store.incrementCounter(key, by: 1, expiresAt: nil, now: now) == 1 else { return }
        known.withLock { _ = $0.hadContactFile.insert(handle) }
        let file = ContactFile(businessName: businessName, primary: line, backups: backups)
        _ = try await context.sendMedia(file.data, filename: file.filename, contentType: .vCard)
    }
}
