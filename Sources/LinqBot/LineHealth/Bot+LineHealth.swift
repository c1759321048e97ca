import Foundation
import Synchronization

extension Bot {
    /// Sets line health's rules: opt-out, pacing, the per-pair and per-line budgets, quiet
    /// hours, the follow-up guard, 429 handling, stale replies, typing indicators, the daily
    /// contact card, line status and SMS awareness (see ``LineHealthConfiguration`` for each
    /// rule and its default). Line health is on without this call; use it to name the business
    /// or change a rule. Its inbound part runs before every other middleware; its send part
    /// runs after every outbound middleware, right before the client, so nothing gets around it.
    ///
    /// ```swift
    /// let bot = Bot()
    /// bot.useLineHealth(LineHealthConfiguration(businessName: "Acme Dental"))
    /// ```
    public func useLineHealth(_ configuration: LineHealthConfiguration = LineHealthConfiguration()) {
        register("line health") { parts in
            parts.lineHealth = configuration
            parts.lineHealthOffReason = nil
        }
    }

    /// Changes line health's current settings in place (for example to apply the sandbox's
    /// budget, or settings read from the environment, on top of what the code set).
    public func adjustLineHealth(_ change: (inout LineHealthConfiguration) -> Void) {
        register("line health") { parts in
            guard var configuration = parts.lineHealth else { return }
            change(&configuration)
            parts.lineHealth = configuration
        }
    }

    /// Runs the bot with no line health at all: no opt-out handling, pacing, budgets or any
    /// other rule, so a person who texts STOP keeps getting messages. Only for bots that talk
    /// to other systems, never to people; start-up logs a warning with `reason`.
    public func turnOffLineHealth(because reason: String) {
        register("line health") { parts in
            parts.lineHealth = nil
            parts.lineHealthOffReason = reason
        }
    }

    /// The line-health settings, or `nil` when it was turned off.
    public var lineHealth: LineHealthConfiguration? { parts.withLock { $0.lineHealth } }
}

extension BotApplication {
    /// Whether `handle` opted out (line health keeps the record).
    public func isOptedOut(_ handle: String) async throws -> Bool {
        try await OptOutLedger(store: store).isOptedOut(handle, now: environment.now())
    }

    /// Inbound and outbound messages of `line` today (UTC), counted by line health in the
    /// store, so every instance's messages count (as of each instance's last sync, at most a
    /// second old) and a restart keeps them.
    public func engagement(of line: String) async throws -> (inbound: Int, outbound: Int) {
        try await responder.lineHealth?.engagement(line: line, now: environment.now(), store: store) ?? (0, 0)
    }
}

extension ChatContext {
    /// Opts the person who wrote out, as a STOP would: recorded, the chat's timers and flow
    /// cancelled, one confirmation sent. For a bot that decides from the meaning of a message
    /// (see ``OptOutPolicy/onPossibleOptOut``). Needs line health.
    public func optOut() async throws {
        guard let engine = lineHealth, let handle = sender else { throw LineHealthUsageError.needsLineHealth }
        try await LineHealthInbound(engine: engine).optOut(handle, context: self, at: now)
    }

    /// Whether `handle` (the person who wrote, when `nil`) opted out.
    public func isOptedOut(_ handle: String? = nil) async throws -> Bool {
        guard let handle = handle ?? sender else { return false }
        return try await OptOutLedger(store: store).isOptedOut(handle, now: now)
    }
}

/// A line-health call made without line health.
public enum LineHealthUsageError: Error, Sendable, Hashable {
    /// Line health was turned off with ``Bot/turnOffLineHealth(because:)`` (or the call came from no person's message).
    case needsLineHealth
}
