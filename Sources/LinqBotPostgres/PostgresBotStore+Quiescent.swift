public import Foundation
public import LinqBot
import PostgresNIO

extension PostgresBotStore: QuiescentStore {
    /// Whether nothing runs or is ready at `now` (for test harnesses): no live lease, no due
    /// timer, and no due chat head, pending or still marked claimed under a lease that ran
    /// out or was freed (a worker can claim it again).
    public func isQuiet(at now: Date) async throws -> Bool {
        try await rows(
            """
            SELECT 1 FROM linqbot_timers WHERE due_at <= \(now)
            UNION ALL SELECT 1 FROM linqbot_leases WHERE worker IS NOT NULL AND expires_at > \(now)
            UNION ALL SELECT 1 FROM linqbot_inbox AS i
            WHERE i.status IN ('pending', 'claimed') AND (i.not_before IS NULL OR i.not_before <= \(now))
              AND NOT EXISTS (
                SELECT 1 FROM linqbot_inbox AS h
                WHERE h.chat_key = i.chat_key AND h.status IN ('pending', 'claimed') AND h.sequence < i.sequence
              )
            LIMIT 1
            """,
            as: Int32.self
        ).isEmpty
    }

    /// The soonest timer, retry delay or lease expiry after `now`.
    public func nextWakeup(after now: Date) async throws -> Date? {
        try await rows(
            """
            SELECT least(
                (SELECT min(due_at) FROM linqbot_timers WHERE due_at > \(now)),
                (SELECT min(expires_at) FROM linqbot_leases WHERE worker IS NOT NULL AND expires_at > \(now)),
                (SELECT min(not_before) FROM linqbot_inbox WHERE status = 'pending' AND not_before > \(now))
            )
            """,
            as: Date?.self
        ).first ?? nil
    }
}
