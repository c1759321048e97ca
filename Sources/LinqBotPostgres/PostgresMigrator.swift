import LinqBot
import Logging
import PostgresNIO

/// Named, ordered, forward-only schema migrations for PostgreSQL.
///
/// Applied names are recorded in `linqbot_migrations`. Each missing migration runs in its own
/// transaction together with its record, after taking a transaction-level advisory lock
/// (`pg_advisory_xact_lock`) on the store's schema: when many instances start at once, one
/// applies a migration while the others wait, then find it recorded and skip it. The lock ends
/// with the transaction, so no session keeps it (safe behind a transaction pooler). Released
/// migrations are never edited or removed: a change is a new migration.
struct PostgresMigrator: Sendable {
    /// The steps.
    private(set) var migrations = SchemaMigrations()

    /// Adds a migration after the ones already registered.
    mutating func register(_ name: String, _ statements: [String]) { migrations.register(name, statements) }

    /// The names recorded as applied, in the order they were applied (none before the first migration).
    func appliedMigrations(client: PostgresClient, logger: Logger) async throws -> [String] {
        let exists = try await PostgresBotStore.decode(
            client.query("SELECT to_regclass('linqbot_migrations') IS NOT NULL", logger: logger), as: Bool.self
        )
        guard exists.first == true else { return [] }
        return try await PostgresBotStore.decode(
            client.query("SELECT name FROM linqbot_migrations ORDER BY applied_at, name", logger: logger), as: String.self
        )
    }

    /// Applies the migrations not recorded yet, and returns their names.
    ///
    /// Creates `schema` first when one is given. Throws when the database records a migration
    /// this build does not know: a newer LinqBot wrote it, and going on could corrupt it.
    @discardableResult
    func migrate(client: PostgresClient, schema: String?, logger: Logger) async throws -> [String] {
        let lockKey = "linqbot.migrations:\(schema ?? "")"
        var applied: [String] = []
        for migration in migrations.all {
            let ran = try await client.withTransaction(logger: logger) { connection -> Bool in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(lockKey), 0))", logger: logger)
                if let schema {
                    // A checked plain name (Configuration.validate), so it is safe to splice in.
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: logger)
                }
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS linqbot_migrations (
                        name text COLLATE "C" PRIMARY KEY,
                        applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
                    )
                    """,
                    logger: logger
                )
                let recorded = try await PostgresBotStore.decode(
                    connection.query("SELECT name FROM linqbot_migrations", logger: logger), as: String.self
                )
                try migrations.refuseUnknown(recorded.sorted())
                guard !recorded.contains(migration.name) else { return false }
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO linqbot_migrations (name) VALUES (\(migration.name))", logger: logger)
                return true
            }
            if ran { applied.append(migration.name) }
        }
        return applied
    }
}
