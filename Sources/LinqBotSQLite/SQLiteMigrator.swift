import LinqBot
import SQLiteNIO

/// Named, ordered, forward-only schema migrations, in the manner of GRDB's `DatabaseMigrator`.
///
/// Applied names are recorded in `linqbot_migrations`. ``migrate(_:)`` applies the missing
/// migrations in registration order, each in its own transaction with its record, so a crash
/// leaves every migration either fully applied and recorded or not at all. Migrations are never
/// edited or removed once released: a change is a new migration.
struct SQLiteMigrator: Sendable {
    /// The steps (sqlite-nio prepares one statement per call, so each statement is one).
    private(set) var migrations = SchemaMigrations()

    /// Adds a migration after the ones already registered.
    mutating func register(_ name: String, _ statements: [String]) { migrations.register(name, statements) }

    /// The names recorded as applied, in the order they were applied.
    func appliedMigrations(_ db: SQLiteConnection) async throws -> [String] {
        try await createTable(db)
        return try await db.rows("SELECT name FROM linqbot_migrations ORDER BY rowid").compactMap { $0.column("name")?.string }
    }

    /// Applies the migrations not recorded yet and returns their names.
    ///
    /// Throws when the database records a migration this build does not know: it was written by
    /// a newer version, and going on could corrupt it.
    @discardableResult
    func migrate(_ db: SQLiteConnection) async throws -> [String] {
        try migrations.refuseUnknown(try await appliedMigrations(db))
        var applied: [String] = []
        for migration in migrations.all {
            let ran = try await db.inTransaction { db in
                // Checked again inside the write lock: another process may have applied it meanwhile.
                let done = try await db.rows("SELECT 1 FROM linqbot_migrations WHERE name = ?", [.text(migration.name)])
                guard done.isEmpty else { return false }
                for statement in migration.statements { try await db.run(statement) }
                try await db.run("INSERT INTO linqbot_migrations (name) VALUES (?)", [.text(migration.name)])
                return true
            }
            if ran { applied.append(migration.name) }
        }
        return applied
    }

    private func createTable(_ db: SQLiteConnection) async throws {
        try await db.run(
            """
            CREATE TABLE IF NOT EXISTS linqbot_migrations (
                name TEXT PRIMARY KEY NOT NULL,
                applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            )
            """
        )
    }
}
