import LinqBot
import SQLiteNIO

/// The connection settings SQLite reports for a store (see ``SQLiteBotStore/pragmas()``).
public struct SQLitePragmas: Sendable, Hashable {
    /// `PRAGMA journal_mode`: `wal` for a file database, `memory` for `":memory:"`.
    public var journalMode: String
    /// `PRAGMA synchronous`: 2 is FULL (a sync of the WAL on every commit).
    public var synchronous: Int
    /// `PRAGMA busy_timeout` in milliseconds.
    public var busyTimeoutMilliseconds: Int
    /// `PRAGMA foreign_keys`.
    public var foreignKeys: Bool

    /// Creates a settings record.
    public init(journalMode: String, synchronous: Int, busyTimeoutMilliseconds: Int, foreignKeys: Bool) {
        self.journalMode = journalMode
        self.synchronous = synchronous
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.foreignKeys = foreignKeys
    }
}

extension SQLiteBotStore {
    /// `synchronous=FULL` as SQLite reports it.
    static let synchronousFull = 2

    /// Sets the store's pragmas and checks that SQLite really applied the durability ones.
    static func configure(_ db: SQLiteConnection, inMemory: Bool, busyTimeout: Duration, backgroundCheckpoints: Bool) async throws {
        let busyMilliseconds = Int(busyTimeout.timeInterval * 1000)
        try await db.run("PRAGMA journal_mode = WAL")
        try await db.run("PRAGMA synchronous = FULL")
        // Also replaces sqlite-nio's default busy handler, which would wait forever.
        try await db.run("PRAGMA busy_timeout = \(max(busyMilliseconds, 0))")
        try await db.run("PRAGMA foreign_keys = ON")
        // 16 MiB of page cache keeps the interior pages of the lease and session indexes in
        // memory up to a million chats, so per-event cost stays flat as chats accumulate.
        try await db.run("PRAGMA cache_size = -16384")
        // Checkpoints run from a second connection, off the commit path (SQLiteCheckpointer).
        if backgroundCheckpoints { try await db.run("PRAGMA wal_autocheckpoint = 0") }
        let pragmas = try await readPragmas(db)
        if !inMemory, pragmas.journalMode != "wal" {
            throw BotStoreError.unavailable("SQLite journal_mode is '\(pragmas.journalMode)', expected 'wal': the store needs WAL")
        }
        if pragmas.synchronous != synchronousFull {
            throw BotStoreError.unavailable("SQLite synchronous is \(pragmas.synchronous), expected \(synchronousFull) (FULL)")
        }
    }

    /// Sets up the read-only connection: it waits for locks as the writer does, and refuses writes.
    static func configureReader(_ db: SQLiteConnection, busyTimeout: Duration) async throws {
        try await db.run("PRAGMA busy_timeout = \(max(Int(busyTimeout.timeInterval * 1000), 0))")
        try await db.run("PRAGMA cache_size = -4096")
        try await db.run("PRAGMA query_only = 1")
    }

    static func readPragmas(_ db: SQLiteConnection) async throws -> SQLitePragmas {
        func value(_ name: String) async throws -> SQLiteData {
            guard let data = try await db.rows("PRAGMA \(name)").first?.columns.first?.data else {
                throw BotStoreError.unavailable("SQLite returned nothing for PRAGMA \(name)")
            }
            return data
        }
        return SQLitePragmas(
            journalMode: try await value("journal_mode").string?.lowercased() ?? "",
            synchronous: Int(try await value("synchronous").integer ?? -1),
            busyTimeoutMilliseconds: Int(try await value("busy_timeout").integer ?? -1),
            foreignKeys: try await value("foreign_keys").integer == 1
        )
    }
}
