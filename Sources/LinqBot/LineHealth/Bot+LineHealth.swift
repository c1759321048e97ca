import Foundation
import Synchronization

extension Bot {
    /// Turns on line health: opt-out, pacing, the per-pair and per-line budgets, quiet hours,
    /// the follow-up guard, 429 handling, stale replies, typing indicators, the daily contact
    /// card, line status and SMS awareness (see ``LineHealthConfiguration`` for each rule and
    /// its default). Its inbound part runs before every other middleware; its send part runs
    /// after every outbound middleware, right before the client, so nothing gets around it.
    ///
    /// ```swift
    /// let bot = Bot()
    /// bot.useLineHealth(LineHealthConfiguration(businessName: "Acme Dental"))
    /// ```
    public func useLineHealth(_ configuration: LineHealthConfiguration = LineHealthConfiguration()) {
        let engine = LineHealthEngine(configuration: configuration)
        parts.withLock { parts in
            parts.inbound.removeAll { $0 is LineHealthInbound }
            parts.inbound.insert(LineHealthInbound(engine: engine), at: 0)
            parts.lineHealth = engine
        }
    }

    /// The line-health settings, when it is on.
    public var lineHealth: LineHealthConfiguration? { snapshot.lineHealth?.configuration }

    /// Whether `handle` opted out (line health keeps the record; without a running bot this throws ``BotRuntimeError/notRunning``).
    public func isOptedOut(_ handle: String) async throws -> Bool {
        let runtime = try requireRuntime()
        return try await OptOutLedger(store: runtime.store).isOptedOut(handle, now: runtime.now())
    }

    /// Inbound and outbound messages of `line` since this process started, as line health counted them.
    public func engagement(of line: String) -> (inbound: Int, outbound: Int) {
        snapshot.lineHealth?.engagement(line: line) ?? (0, 0)
    }
}

extension ChatContext {
    /// Opts the person who wrote out, as a STOP would: recorded, the chat's timers and flow
    /// cancelled, one confirmation sent. For a bot that decides from the meaning of a message
    /// (see ``OptOutPolicy/onPossibleOptOut``). Needs line health.
    public func optOut() async throws {
        guard let engine = lineHealth, let handle = sender else { throw LineHealthUsageError.needsLineHealth }
        try await engine.optOut(handle, context: self, at: now)
    }

    /// Whether `handle` (the person who wrote, when `nil`) opted out.
    public func isOptedOut(_ handle: String? = nil) async throws -> Bool {
        guard let handle = handle ?? sender else { return false }
        return try await OptOutLedger(store: store).isOptedOut(handle, now: now)
    }
}

/// A line-health call made without line health.
public enum LineHealthUsageError: Error, Sendable, Hashable {
    /// Turn it on with ``Bot/useLineHealth(_:)`` first (and call from a handler of a person's message).
    case needsLineHealth
}
