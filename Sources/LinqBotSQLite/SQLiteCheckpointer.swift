import LinqBot
import SQLiteNIO

/// Keeps the WAL short without making a commit wait for a checkpoint.
///
/// The writer connection runs with `wal_autocheckpoint = 0`: SQLite's automatic checkpoint
/// would copy the WAL into the database right after a commit, on the one writer connection,
/// holding every acknowledgement queued behind it. Instead, every ``Policy/everyCommits``
/// write transactions the writer asks for a *passive* checkpoint, which runs here on a second
/// connection of its own while the writer goes on committing. A passive checkpoint copies what
/// was committed when it started; the WAL starts over from its beginning once a checkpoint
/// has copied everything and the writer then begins a transaction. Under steady writes that
/// may not happen, so when the WAL still holds more than ``Policy/walLimitFrames`` frames
/// after a checkpoint here, the writer checkpoints once itself, between two transactions,
/// which copies the few frames left and lets the next transaction restart the WAL: the WAL
/// stays bounded. Checkpoints never affect durability: a commit is durable in the WAL.
actor SQLiteCheckpointer {
    /// When to checkpoint.
    struct Policy: Sendable {
        /// Write transactions between two checkpoint requests.
        var everyCommits = 100
        /// WAL frames (pages) past which the writer checkpoints itself.
        var walLimitFrames = 4000
    }

    /// What one checkpoint reported: frames in the WAL and frames copied into the database.
    struct Outcome: Sendable, Equatable {
        var walFrames: Int
        var checkpointedFrames: Int
    }

    let policy: Policy
    private var connection: SQLiteConnection?
    private var current: Task<Void, Never>?
    private var again = false
    private var onLongWAL: (@Sendable () async -> Void)?
    /// Checkpoints run here, and how many the writer had to run itself (tests read them).
    private(set) var checkpoints = 0
    private(set) var writerCheckpoints = 0

    init(connection: SQLiteConnection, policy: Policy) {
        self.connection = connection
        self.policy = policy
    }

    /// Sets what runs when the WAL stays over the limit (the writer's own checkpoint).
    func setOnLongWAL(_ action: @escaping @Sendable () async -> Void) {
        onLongWAL = action
    }

    /// Starts a checkpoint unless one is running; then another follows it.
    func request() {
        guard connection != nil else { return }
        if current != nil {
            again = true
            return
        }
        current = Task { await self.loop() }
    }

    /// Waits for the checkpoint in flight, then closes the connection; later requests do nothing.
    func close() async {
        if let current { await current.value }
        let connection = self.connection
        self.connection = nil
        try? await connection?.close()
    }

    private func loop() async {
        repeat {
            again = false
            guard let connection else { break }
            guard let outcome = try? await Self.checkpoint(connection) else { break }
            checkpoints += 1
            if outcome.walFrames > policy.walLimitFrames, let onLongWAL {
                writerCheckpoints += 1
                await onLongWAL()
            }
        } while again
        current = nil
    }

    /// Runs `PRAGMA wal_checkpoint(PASSIVE)` on `connection`.
    static func checkpoint(_ connection: SQLiteConnection) async throws -> Outcome {
        let row = try await connection.rows("PRAGMA wal_checkpoint(PASSIVE)").first
        let columns = row?.columns.map { $0.data.integer ?? -1 } ?? []
        guard columns.count == 3 else { throw BotStoreError.unavailable("SQLite answered a checkpoint with \(columns.count) columns") }
        return Outcome(walFrames: columns[1], checkpointedFrames: columns[2])
    }
}
