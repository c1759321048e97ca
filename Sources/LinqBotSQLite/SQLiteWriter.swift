import LinqBot
import SQLiteNIO

/// Owns the store's single SQLite connection and hands it out one caller at a time.
///
/// An actor alone does not serialize work that suspends (its methods are reentrant), so the
/// writer keeps a FIFO lock: a caller holds the connection from `BEGIN` to `COMMIT`, and the
/// statements themselves run on sqlite-nio's thread pool.
actor SQLiteWriter {
    private var connection: SQLiteConnection?
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var checkpointer: SQLiteCheckpointer?
    private var commitsSinceCheckpoint = 0

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Hands WAL checkpoints to `checkpointer` (file databases; see ``SQLiteCheckpointer``).
    func useCheckpointer(_ checkpointer: SQLiteCheckpointer) async {
        self.checkpointer = checkpointer
        await checkpointer.setOnLongWAL { [weak self] in await self?.checkpointHere() }
    }

    /// A passive checkpoint on the writer connection, between two transactions: it copies what
    /// the background checkpoints left, so the next transaction starts the WAL over.
    func checkpointHere() async {
        _ = try? await withConnection { try await SQLiteCheckpointer.checkpoint($0) }
    }

    /// Runs `body` with the connection held exclusively. Errors other than ``BotStoreError``
    /// come back as ``BotStoreError/unavailable(_:)`` with SQLite's message.
    func withConnection<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        guard let connection else { throw BotStoreError.unavailable("the SQLite store is closed") }
        do {
            return try await body(connection)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        let result = try await withConnection { try await $0.inTransaction(body) }
        committed()
        return result
    }

    /// Runs `check` with the connection held and, only when it finds something, `body` with
    /// it in one `BEGIN IMMEDIATE` transaction under the same hold; `nil` when `check` found
    /// nothing. A plain read as `check` spares a write transaction when there is nothing to write.
    func transaction<Found: Sendable, T: Sendable>(
        after check: @Sendable (SQLiteConnection) async throws -> Found?, _ body: @Sendable (SQLiteConnection, Found) async throws -> T
    ) async throws -> T? {
        let result: T? = try await withConnection { db in
            guard let found = try await check(db) else { return nil }
            return try await db.inTransaction { try await body($0, found) }
        }
        if result != nil { committed() }
        return result
    }

    /// Counts a write transaction; every ``SQLiteCheckpointer/Policy/everyCommits`` asks for a checkpoint.
    func committed() {
        guard let checkpointer else { return }
        commitsSinceCheckpoint += 1
        guard commitsSinceCheckpoint >= checkpointer.policy.everyCommits else { return }
        commitsSinceCheckpoint = 0
        Task { await checkpointer.request() }
    }

    /// Waits for the work in flight, then closes the connection. Later calls fail as unavailable.
    func close() async throws {
        // The checkpointer's connection closes first, so the writer's close is the last one,
        // which checkpoints the whole WAL and removes it.
        await checkpointer?.close()
        await acquire()
        defer { release() }
        guard let connection else { return }
        self.connection = nil
        do {
            try await connection.close()
        } catch {
            throw Self.storeError(error)
        }
    }

    private func acquire() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the lock straight to the next waiter, so the order is first come, first served.
    private func release() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// The store's own errors pass through; anything from SQLite means the store cannot proceed.
    static func storeError(_ error: any Error) -> any Error {
        switch error {
        case is BotStoreError, is CancellationError: error
        case let error as SQLiteError: BotStoreError.unavailable("SQLite \(error.reason): \(error.message)")
        default: BotStoreError.unavailable("SQLite: \(error)")
        }
    }
}

extension SQLiteConnection {
    /// Runs one statement and returns its rows.
    func rows(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        try await query(sql, binds)
    }

    /// Runs one statement, ignoring any rows.
    func run(_ sql: String, _ binds: [SQLiteData] = []) async throws {
        _ = try await query(sql, binds)
    }

    /// Runs `body` between `BEGIN IMMEDIATE` and `COMMIT`; rolls back when anything throws.
    ///
    /// `IMMEDIATE` takes the write lock up front, so a busy database fails here (after
    /// `busy_timeout`) rather than halfway through. `COMMIT` and `ROLLBACK` run shielded from
    /// the caller's cancellation (sqlite-nio refuses statements in a cancelled task): a
    /// cancelled caller must never leave the one connection inside a transaction.
    func inTransaction<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T {
        try await run("BEGIN IMMEDIATE")
        do {
            let result = try await body(self)
            try await Task { try await self.run("COMMIT") }.value
            return result
        } catch {
            _ = await Task { try? await self.run("ROLLBACK") }.value
            throw error
        }
    }
}
