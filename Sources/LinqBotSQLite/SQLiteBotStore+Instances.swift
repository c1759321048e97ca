public import Foundation
public import LinqBot
import SQLiteNIO

extension SQLiteBotStore {
    /// Registers the instance and frees, at once, every lease left by earlier processes.
    ///
    /// One process writes a SQLite file, so every instance that did not register through this
    /// store object belongs to a process that ended (stopped, or killed with its leases still
    /// held): they are forgotten and their leases freed, as are the leases of an earlier
    /// registration of `id`. The instances this store object registered are kept in a table
    /// private to its writer connection (`temp.own_instances`), so several applications
    /// sharing one store in a process (a test harness) leave each other's leases alone.
    @discardableResult
    public func registerInstance(_ id: String, now: Date) async throws -> Int {
        try await writer.transaction { db in
            try await db.run("CREATE TEMP TABLE IF NOT EXISTS own_instances (id TEXT PRIMARY KEY NOT NULL)")
            try await db.run("INSERT OR IGNORE INTO temp.own_instances (id) VALUES (?)", [.text(id)])
            try await db.run(
                """
                INSERT INTO instances (id, started_at, heartbeat_at) VALUES (?1, ?2, ?2)
                ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at
                """,
                [.text(id), .time(now)]
            )
            try await db.run("DELETE FROM instances WHERE id NOT IN (SELECT id FROM temp.own_instances)")
            return try await db.rows(
                """
                UPDATE leases SET worker = NULL, expires_at = NULL
                WHERE worker IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM temp.own_instances AS o
                    WHERE o.id <> ?1 AND substr(leases.worker, 1, length(o.id) + 1) = o.id || '/'
                )
                RETURNING chat_key
                """,
                [.text(id)]
            ).count
        }
    }

    /// Refreshes the heartbeat; registers the instance again (freeing nothing) when it was forgotten.
    @discardableResult
    public func heartbeatInstance(_ id: String, now: Date) async throws -> Bool {
        try await writer.transaction { db in
            let known = try await db.rows("UPDATE instances SET heartbeat_at = ? WHERE id = ? RETURNING id", [.time(now), .text(id)])
            guard known.isEmpty else { return true }
            try await db.run("INSERT INTO instances (id, started_at, heartbeat_at) VALUES (?1, ?2, ?2)", [.text(id), .time(now)])
            return false
        }
    }

    /// Forgets the instances (but `keeping`) whose heartbeat is at or before `cutoff`, and frees
    /// every lease whose worker's instance is no longer registered (theirs, and any taken after
    /// its instance was declared dead), in one transaction; a plain read answers when there is
    /// nothing to do.
    public func sweepInstances(heartbeatAtOrBefore cutoff: Date, keeping: String) async throws -> InstanceSweep {
        let sweep = try await writer.transaction(after: { db -> Bool? in
            let dead = try await Self.deadInstances(cutoff: cutoff, keeping: keeping, db: db)
            let orphaned = try await db.rows("SELECT 1 FROM leases WHERE \(Self.unregisteredWorker) LIMIT 1")
            return dead.isEmpty && orphaned.isEmpty ? nil : true
        }) { db, _ in
            // Read again under the write lock: a heartbeat may have come in between.
            let dead = try await Self.deadInstances(cutoff: cutoff, keeping: keeping, db: db)
            for id in dead { try await db.run("DELETE FROM instances WHERE id = ?", [.text(id)]) }
            let freed = try await db.rows(
                "UPDATE leases SET worker = NULL, expires_at = NULL WHERE \(Self.unregisteredWorker) RETURNING chat_key"
            ).count
            return InstanceSweep(deadInstances: dead, freedLeases: freed)
        }
        return sweep ?? InstanceSweep()
    }

    /// Leases held by a worker named `id/N` whose instance `id` is not registered.
    private static let unregisteredWorker = """
        worker IS NOT NULL AND instr(worker, '/') > 1 AND NOT EXISTS (
            SELECT 1 FROM instances AS i WHERE substr(leases.worker, 1, length(i.id) + 1) = i.id || '/'
        )
        """

    /// Forgets the instance and frees its leases.
    @discardableResult
    public func deregisterInstance(_ id: String) async throws -> Int {
        try await writer.transaction { db in
            try await db.run("CREATE TEMP TABLE IF NOT EXISTS own_instances (id TEXT PRIMARY KEY NOT NULL)")
            try await db.run("DELETE FROM temp.own_instances WHERE id = ?", [.text(id)])
            try await db.run("DELETE FROM instances WHERE id = ?", [.text(id)])
            return try await Self.freeLeases(of: id, db: db)
        }
    }

    /// The registered instances, by id.
    public func instances() async throws -> [InstanceRecord] {
        try await writer.withConnection { db in
            try await db.rows("SELECT id, started_at, heartbeat_at FROM instances ORDER BY id").map { row in
                InstanceRecord(id: try row.text("id"), startedAt: try row.date("started_at"), heartbeatAt: try row.date("heartbeat_at"))
            }
        }
    }

    private static func deadInstances(cutoff: Date, keeping: String, db: SQLiteConnection) async throws -> [String] {
        try await db.rows(
            "SELECT id FROM instances WHERE heartbeat_at <= ? AND id <> ? ORDER BY id", [.time(cutoff), .text(keeping)]
        ).map { try $0.text("id") }
    }

    /// Frees the leases held by workers of instance `id` (named `id/N`); the tokens stay, so
    /// their holders' fenced writes fail. Returns how many.
    private static func freeLeases(of id: String, db: SQLiteConnection) async throws -> Int {
        try await db.rows(
            """
            UPDATE leases SET worker = NULL, expires_at = NULL
            WHERE worker IS NOT NULL AND substr(worker, 1, length(?1)) = ?1
            RETURNING chat_key
            """,
            [.text(WorkerName.prefix(of: id))]
        ).count
    }
}
