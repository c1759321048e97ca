public import Foundation
public import LinqBot
import PostgresNIO

extension PostgresBotStore {
    /// Registers the instance (its heartbeat at `now`) and frees the leases an earlier process
    /// with the same id left, in one statement; announces the freed chats to every instance.
    ///
    /// Instances with other ids are left to the sweep: on a shared database they may be alive.
    @discardableResult
    public func registerInstance(_ id: String, now: Date) async throws -> Int {
        let freed = try await rows(
            """
            WITH registered AS (
                INSERT INTO linqbot_instances (id, started_at, heartbeat_at) VALUES (\(id), \(now), \(now))
                ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at
            ), freed AS (
                UPDATE linqbot_leases SET worker = NULL, expires_at = NULL
                WHERE worker IS NOT NULL AND starts_with(worker, \(WorkerName.prefix(of: id)))
                RETURNING chat_key
            )
            SELECT count(*) FROM freed
            """,
            as: Int.self
        ).first ?? 0
        try await announceWork(freed)
        return freed
    }

    /// Refreshes the heartbeat; registers the instance again (freeing nothing) when a sweep
    /// had forgotten it, and then answers `false`.
    @discardableResult
    public func heartbeatInstance(_ id: String, now: Date) async throws -> Bool {
        try await rows(
            """
            WITH beat AS (
                UPDATE linqbot_instances SET heartbeat_at = \(now) WHERE id = \(id) RETURNING id
            ), again AS (
                INSERT INTO linqbot_instances (id, started_at, heartbeat_at)
                SELECT \(id), \(now), \(now) WHERE NOT EXISTS (SELECT 1 FROM beat)
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            )
            SELECT EXISTS (SELECT 1 FROM beat)
            """,
            as: Bool.self
        ).first ?? false
    }

    /// Forgets the instances (but `keeping`) whose heartbeat is at or before `cutoff` and frees
    /// every lease whose worker's instance is not registered: theirs, and any that an instance
    /// took after it was declared dead and before its heartbeat registered it again. One
    /// statement; announces the freed chats to every instance.
    ///
    /// Instances sweeping at once do not collide: a row deleted by one is not seen by the other,
    /// and a heartbeat committed first keeps its instance (the delete checks the row again).
    /// A lease a live instance's worker took meanwhile names that instance and stays. (One
    /// taken in the same instant by an instance registering again may be freed with the rest;
    /// its holder's writes are then refused by the fence, as after any takeover.)
    public func sweepInstances(heartbeatAtOrBefore cutoff: Date, keeping: String) async throws -> InstanceSweep {
        let row = try await rows(
            """
            WITH dead AS (
                DELETE FROM linqbot_instances WHERE heartbeat_at <= \(cutoff) AND id <> \(keeping) RETURNING id
            ), freed AS (
                UPDATE linqbot_leases AS l SET worker = NULL, expires_at = NULL
                WHERE l.worker IS NOT NULL AND strpos(l.worker, '/') > 1
                  AND NOT EXISTS (
                    SELECT 1 FROM linqbot_instances AS k
                    WHERE starts_with(l.worker, k.id || '/') AND k.id NOT IN (SELECT id FROM dead)
                  )
                RETURNING l.chat_key
            )
            SELECT (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM dead), (SELECT count(*) FROM freed)
            """,
            as: ([String], Int).self
        ).first
        let sweep = InstanceSweep(deadInstances: row?.0 ?? [], freedLeases: row?.1 ?? 0)
        try await announceWork(sweep.freedLeases)
        return sweep
    }

    /// Forgets the instance and frees its leases; announces the freed chats.
    @discardableResult
    public func deregisterInstance(_ id: String) async throws -> Int {
        let freed = try await rows(
            """
            WITH gone AS (
                DELETE FROM linqbot_instances WHERE id = \(id)
            ), freed AS (
                UPDATE linqbot_leases SET worker = NULL, expires_at = NULL
                WHERE worker IS NOT NULL AND starts_with(worker, \(WorkerName.prefix(of: id)))
                RETURNING chat_key
            )
            SELECT count(*) FROM freed
            """,
            as: Int.self
        ).first ?? 0
        try await announceWork(freed)
        return freed
    }

    /// The registered instances, by id.
    public func instances() async throws -> [InstanceRecord] {
        try await rows("SELECT id, started_at, heartbeat_at FROM linqbot_instances ORDER BY id", as: (String, Date, Date).self)
            .map { InstanceRecord(id: $0.0, startedAt: $0.1, heartbeatAt: $0.2) }
    }
}
