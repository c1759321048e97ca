import Foundation

/// Who opted out, kept in the store's counters with no expiry, so no prune ever drops it.
///
/// A handle's counter holds the time (milliseconds since 1970) of its latest opt-out; zero or
/// missing means subscribed. Each change carries the time of the message that asked for it
/// (Linq's `created_at`), and an opt-in clears only an older opt-out, so applying a keyword
/// twice, late or out of order (at the ingress and again in the handler, or a redelivered
/// START after a newer STOP) always ends on the person's latest word.
struct OptOutLedger: Sendable {
    let store: any BotStore

    static func key(_ handle: String) -> String { "linqbot.optout:" + handle }

    static func stamp(_ date: Date) -> Int { max(1, Int((date.timeIntervalSince1970 * 1000).rounded())) }

    func isOptedOut(_ handle: String, now: Date) async throws -> Bool {
        try await store.counter(Self.key(handle), now: now) > 0
    }

    /// Records an opt-out asked for at `date`, unless a later one is already recorded.
    func optOut(_ handle: String, at date: Date, now: Date) async throws {
        let current = try await store.counter(Self.key(handle), now: now)
        let stamp = Self.stamp(date)
        guard current < stamp else { return }
        _ = try await store.incrementCounter(Self.key(handle), by: stamp - current, expiresAt: nil, now: now)
        if current == 0 { LineHealthMetrics.optOutChange("out") }
    }

    /// Records an opt-in asked for at `date`: it clears an opt-out from before then, never a newer one.
    func optIn(_ handle: String, at date: Date, now: Date) async throws {
        let current = try await store.counter(Self.key(handle), now: now)
        // Two opt-outs recorded at the same moment add up to a value past any real time: that
        // one is older than any opt-in, too.
        guard current > 0, current <= Self.stamp(date) || current > Self.stamp(now.addingTimeInterval(86_400)) else { return }
        try await store.resetCounter(Self.key(handle))
        LineHealthMetrics.optOutChange("in")
    }
}
