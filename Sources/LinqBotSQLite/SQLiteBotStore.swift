import Foundation
public import LinqBot
public import Logging
import NIOPosix
import SQLiteNIO

/// A ``BotStore`` in one SQLite file: the embedded default for a single instance.
///
/// One process uses a file at a time: the store holds an exclusive lock on `<path>.lock`
/// while it is open, and a second open fails with a message that says so.
///
/// The store opens one connection, the only writer, and serializes all access to it; the
/// statements run on sqlite-nio's thread pool. Every write commits with `synchronous=FULL` in
/// WAL mode, so an ``append(_:)`` that returned survives power loss. Concurrent appends,
/// completions, sent records, counter changes and claims share one transaction (group commit);
/// pair paces are booked in memory and written within a second (`SQLitePaceLedger`); and WAL
/// checkpoints run on a second connection, off the commit path (`SQLiteCheckpointer`). Call ``migrate()`` before first use and ``close()`` at the end.
///
/// ```swift
/// let store = try await SQLiteBotStore.open(path: ".linqbot/bot.sqlite")
/// try await store.migrate()
/// defer { Task { try await store.close() } }
/// ```
public final class SQLiteBotStore: BotStore {
    let writer: SQLiteWriter
    /// Point reads that need not queue behind the writer's transactions (counters, sent
    /// records, sessions): a read-only second connection on a file, which WAL lets read while
    /// the writer commits; the writer itself for `":memory:"`. A read sees every write that returned.
    let reader: SQLiteWriter
    /// The threads the connections of a file run their statements on, one each, so a commit
    /// waiting for the disk never holds up a read or a checkpoint (`nil`: NIO's shared pool).
    let threads: NIOThreadPool?
    /// Appends, completions, sent records, counter changes and claims share transactions through it.
    let batcher: GroupCommit<GroupedWrite, GroupedWriteResult>
    /// The pairs' paces, booked in memory and written through the batcher.
    let paces: SQLitePaceLedger
    /// Counters read lately, answered without a statement (sound since this process alone writes the file).
    let counterCache = SQLiteCounterCache()
    /// This process's hold on the file (`nil` for `":memory:"`).
    let fileLock: SQLiteFileLock?
    let logger: Logger

    private init(writer: SQLiteWriter, reader: SQLiteWriter?, threads: NIOThreadPool?, fileLock: SQLiteFileLock?, logger: Logger) {
        self.writer = writer
        self.fileLock = fileLock
        self.reader = reader ?? writer
        self.threads = threads
        self.logger = logger
        let batcher = GroupCommit<GroupedWrite, GroupedWriteResult>(concurrency: 1, batchLimit: 512) { [writer] writes in
            try await Self.commit(writes, writer: writer)
        }
        self.batcher = batcher
        let reads = reader ?? writer
        self.paces = SQLitePaceLedger(
            load: { pair in try await Self.storedPace(pair, reader: reads) },
            write: { write in _ = try await batcher.submit(.pace(write)) }
        )
    }

    /// Opens (creating when needed) the database at `path`, with its parent folder.
    ///
    /// Sets `journal_mode=WAL`, `synchronous=FULL`, `busy_timeout` and `foreign_keys=ON`, then
    /// reads them back and throws ``BotStoreError/unavailable(_:)`` when the journal mode is not
    /// WAL (except for `":memory:"`, which has no WAL) or `synchronous` is not FULL (2).
    /// - Parameters:
    ///   - path: A file path, or `":memory:"` for a private in-memory database (tests).
    ///   - busyTimeout: How long a write waits for another process's lock before the call fails
    ///     as unavailable; 5 s by default, inside the webhook ingest budget.
    ///   - logger: Where the store logs.
    public static func open(
        path: String,
        busyTimeout: Duration = .milliseconds(5000),
        logger: Logger = Logger(label: "linqbot.sqlite")
    ) async throws -> SQLiteBotStore {
        try await open(path: path, busyTimeout: busyTimeout, checkpoints: SQLiteCheckpointer.Policy(), logger: logger)
    }

    /// ``open(path:busyTimeout:logger:)`` with the checkpoint policy spelled out (tests shrink it).
    static func open(
        path: String, busyTimeout: Duration, checkpoints: SQLiteCheckpointer.Policy, logger: Logger
    ) async throws -> SQLiteBotStore {
        let inMemory = path == ":memory:"
        let storage: SQLiteConnection.Storage
        if inMemory {
            storage = .memory
        } else {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw BotStoreError.unavailable("cannot create the folder \(folder.path) for the SQLite store: \(error)")
            }
            storage = .file(path: path)
        }
        let fileLock = inMemory ? nil : try SQLiteFileLock(databasePath: path)
        // Writer, checkpointer and reader each get a thread of their own on a file.
        let threads = inMemory ? nil : NIOThreadPool(numberOfThreads: 3)
        threads?.start()
        func connect() async throws -> SQLiteConnection {
            guard let threads else { return try await SQLiteConnection.open(storage: storage, logger: logger) }
            return try await SQLiteConnection.open(storage: storage, threadPool: threads, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any()).get()
        }
        let connection: SQLiteConnection
        do {
            connection = try await connect()
        } catch {
            try? await threads?.shutdownGracefully()
            fileLock?.release()
            throw SQLiteWriter.storeError(error)
        }
        let writer = SQLiteWriter(connection: connection)
        let background = !inMemory
        var reader: SQLiteWriter?
        do {
            try await writer.withConnection { db in
                try await configure(db, inMemory: inMemory, busyTimeout: busyTimeout, backgroundCheckpoints: background)
            }
            if background {
                // A second connection for checkpoints only; see SQLiteCheckpointer.
                let second = try await connect()
                await writer.useCheckpointer(SQLiteCheckpointer(connection: second, policy: checkpoints))
                let third = try await connect()
                reader = SQLiteWriter(connection: third)
                try await reader?.withConnection { try await configureReader($0, busyTimeout: busyTimeout) }
            }
        } catch {
            try? await reader?.close()
            try? await writer.close()
            try? await threads?.shutdownGracefully()
            fileLock?.release()
            throw SQLiteWriter.storeError(error)
        }
        logger.debug("Opened the SQLite store", metadata: ["linq.store.path": "\(path)"])
        return SQLiteBotStore(writer: writer, reader: reader, threads: threads, fileLock: fileLock, logger: logger)
    }

    /// Closes the connection after the work in flight. Calls after this fail as unavailable.
    public func close() async throws {
        try? await paces.flush(force: true)
        // The writer closes last: its close checkpoints the whole WAL and removes it.
        defer { fileLock?.release() }
        if reader !== writer { try await reader.close() }
        try await writer.close()
        try? await threads?.shutdownGracefully()
    }

    /// Applies the migrations this database lacks; a no-op when it is up to date.
    public func migrate() async throws {
        let applied = try await writer.withConnection { try await Self.migrator.migrate($0) }
        if !applied.isEmpty {
            logger.info("Migrated the SQLite store", metadata: ["linq.store.migrations": "\(applied.joined(separator: ", "))"])
        }
    }

    /// The names of the migrations applied to this database, in the order they ran.
    public func appliedMigrations() async throws -> [String] {
        try await writer.withConnection { try await Self.migrator.appliedMigrations($0) }
    }

    /// The connection settings in force, as SQLite reports them.
    public func pragmas() async throws -> SQLitePragmas {
        try await writer.withConnection { try await Self.readPragmas($0) }
    }

    /// Appends durably through group commit; ``InboxAppendResult/duplicate`` when the event id
    /// or dedup key is already in the inbox.
    public func append(_ event: NewInboxEvent) async throws -> InboxAppendResult {
        guard case .appended(let result) = try await batcher.submit(.append(event)) else {
            throw BotStoreError.unavailable("the group commit answered an append with another write's result")
        }
        return result
    }

    /// The chat's session, if one was stored.
    public func session(chatKey: String) async throws -> StoredSession? {
        try await reader.withConnection { db in
            let rows = try await db.rows("SELECT data, updated_at FROM sessions WHERE chat_key = ?", [.text(chatKey)])
            guard let row = rows.first else { return nil }
            return StoredSession(data: row.data("data"), updatedAt: try row.date("updated_at"))
        }
    }

    /// Inbox events not finished yet (pending or claimed).
    public func pendingCount() async throws -> Int {
        try await writer.withConnection { db in
            try await db.rows("SELECT COUNT(*) AS count FROM inbox WHERE status IN ('pending', 'claimed')").first?.int("count") ?? 0
        }
    }
}
