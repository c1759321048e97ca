/// A SQL store's schema as named, ordered, forward-only migrations: what each store's migrator
/// registers, and the check that the database holds no migration this build does not know.
/// Released migrations are never edited or removed: a change is a new migration.
package struct SchemaMigrations: Sendable {
    /// One named step: its statements run in order, in one transaction.
    package struct Migration: Sendable {
        package var name: String
        package var statements: [String]
    }

    /// The migrations, in registration order.
    package private(set) var all: [Migration] = []

    package init() {}

    /// Adds a migration after the ones already registered.
    package mutating func register(_ name: String, _ statements: [String]) {
        precondition(!all.contains { $0.name == name }, "duplicate migration name \(name)")
        all.append(Migration(name: name, statements: statements))
    }

    /// Throws when `recorded` (the names a database holds) has one this build does not know: a
    /// newer LinqBot wrote the database, and going on could corrupt it.
    package func refuseUnknown(_ recorded: [String]) throws {
        let unknown = recorded.filter { name in !all.contains { $0.name == name } }
        guard unknown.isEmpty else {
            throw BotStoreError.unavailable(
                "the database has migrations this version does not know (\(unknown.joined(separator: ", "))): it was written by a newer LinqBot"
            )
        }
    }
}
