import Foundation
public import LinqBot
public import Logging
import PostgresNIO

/// A ``BotStore`` in PostgreSQL, shared by any number of bot instances.
///
/// Workers of every instance claim events with `FOR UPDATE SKIP LOCKED` on the chat's lease
/// row, so no two hold a chat at once; each claim takes a fencing token from a sequence, and
/// every fenced write checks it in the same statement. Durable timers fire once across
/// instances the same way. Every connection commits with `synchronous_commit=on`; appends,
/// completions and send records that arrive together share one statement each (group commit),
/// so an acknowledged event is durable without a commit per event. Migrations run under a
/// transaction-level advisory lock, so instances that start at once apply each one once. Every
/// other operation waits at most ``Configuration/answerTimeout`` for the server's answer, so a
/// statement lost with a connection the server closed (a restart) fails as unavailable instead
/// of waiting forever.
///
/// ```swift
/// let store = try await PostgresBotStore.connect(url: "postgres://bot:secret@127.0.0.1:5432/linqbot")
/// try await store.migrate()
/// // … run the bot …
/// try await store.close()
/// ```
public final class PostgresBotStore: BotStore {
    /// What the store connects to (its description hides the password).
    public let configuration: Configuration
    let client: PostgresClient
    let logger: Logger
    /// Inbox appends that arrive while others commit share the next statement.
    let appends: GroupCommit<NewInboxEvent, InboxAppendResult>
    /// Send records that arrive while others commit share the next statement.
    let sends: GroupCommit<SentMessageRecord, Void>
    /// Completions that arrive while others commit share the next statement.
    let completions: GroupCommit<Completion, Result<Bool, any Error>>
    private let running: Task<Void, Never>
    /// The longest ``close()`` waits for the pool: closing idle connections takes
    /// milliseconds, and by then the application has finished every operation.
    static let closeWait = Duration.seconds(2)

    private init(configuration: Configuration, client: PostgresClient, running: Task<Void, Never>, logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.running = running
        self.logger = logger
        self.appends = GroupCommit(concurrency: 2) { [client, logger] events in
            try await Self.storeErrors { try await Self.insert(events, on: client, within: configuration.answerTimeout, logger: logger) }
        }
        self.sends = GroupCommit(concurrency: 2) { [client, logger] records in
            try await Self.storeErrors { try await Self.insert(records, on: client, within: configuration.answerTimeout, logger: logger) }
        }
        self.completions = GroupCommit(concurrency: 2) { [client, logger] batch in
            await Self.complete(batch, on: client, within: configuration.answerTimeout, logger: logger)
        }
    }

    /// Connects to the database at `url` (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`, see
    /// ``Configuration/init(url:)``). Call ``migrate()`` before first use and ``close()`` at the end.
    ///
    /// Throws ``BotStoreError/unavailable(_:)`` saying what to fix when the URL is malformed or
    /// the server cannot be reached, refuses the login or lacks the database.
    public static func connect(url: String, logger: Logger = Logger(label: "linqbot.postgres")) async throws -> PostgresBotStore {
        try await connect(Configuration(url: url), logger: logger)
    }

    /// Connects with a configuration: checks that one connection opens (so a wrong address
    /// or password fails here, with a message), then starts the connection pool.
    public static func connect(_ configuration: Configuration, logger: Logger = Logger(label: "linqbot.postgres")) async throws -> PostgresBotStore {
        try configuration.validate()
        try await probe(configuration, logger: logger)
        let client = PostgresClient(configuration: configuration.clientConfiguration(), backgroundLogger: logger)
        let running = Task { await client.run() }
        logger.debug("Connected to PostgreSQL", metadata: ["linq.store.url": "\(configuration)"])
        return PostgresBotStore(configuration: configuration, client: client, running: running, logger: logger)
    }

    /// Stops the connection pool; calls after this fail as unavailable. Waits at most
    /// ``closeWait`` for the pool to wind down: a statement lost with its connection (see
    /// ``AnswerDeadline``), which a restart of the server can leave behind, keeps that
    /// connection leased for good, and a shutdown must end well inside a deployment's grace
    /// period (often 10 s) whatever the pool does.
    public func close() async throws {
        running.cancel()
        let running = self.running
        do {
            try await AnswerDeadline.run(within: min(configuration.answerTimeout, Self.closeWait)) { await running.value }
        } catch {
            logger.warning("the PostgreSQL pool did not wind down in time; closing anyway", metadata: ["linq.error": "\(error)"])
        }
    }

    /// Applies the migrations this database lacks; a no-op when it is up to date. Safe to run
    /// from many instances at once: one applies each migration, the others wait and skip it.
    public func migrate() async throws {
        try await applyMigrations()
    }

    /// Applies the missing migrations and returns the names of those this call applied.
    @discardableResult
    func applyMigrations() async throws -> [String] {
        let applied = try await Self.storeErrors {
            try await Self.migrator.migrate(client: client, schema: configuration.schema, logger: logger)
        }
        if !applied.isEmpty {
            logger.info("Migrated the PostgreSQL store", metadata: ["linq.store.migrations": "\(applied.joined(separator: ", "))"])
        }
        return applied
    }

    /// The names of the migrations applied to this database, in the order they ran.
    public func appliedMigrations() async throws -> [String] {
        try await Self.storeErrors { try await Self.migrator.appliedMigrations(client: client, logger: logger) }
    }

    /// Appends durably through group commit; ``InboxAppendResult/duplicate`` when the event id
    /// or dedup key is already known (dedup keys outlive their inbox rows).
    public func append(_ event: NewInboxEvent) async throws -> InboxAppendResult {
        try await appends.submit(event)
    }

    /// The chat's session, if one was stored.
    public func session(chatKey: String) async throws -> StoredSession? {
        try await rows("SELECT data, updated_at FROM linqbot_sessions WHERE chat_key = \(chatKey)", as: (Data, Date).self)
            .first.map { StoredSession(data: $0.0, updatedAt: $0.1) }
    }

    /// Inbox events not finished yet (pending or claimed).
    public func pendingCount() async throws -> Int {
        try await rows("SELECT count(*) FROM linqbot_inbox WHERE status IN ('pending', 'claimed')", as: Int.self).first ?? 0
    }

    /// The chat's pending events after `sequence`, oldest first.
    public func pendingEvents(chatKey: String, after sequence: Int64, limit: Int) async throws -> [PendingEvent] {
        try await rows(
            """
            SELECT sequence, event_id, dedup_key, chat_key, event_type, body, received_at FROM linqbot_inbox
            WHERE chat_key = \(chatKey) AND status = 'pending' AND sequence > \(sequence) ORDER BY sequence LIMIT \(max(limit, 0))
            """,
            as: (Int64, String, String?, String, String, Data, Date).self
        ).map { row in
            PendingEvent(
                sequence: row.0,
                event: NewInboxEvent(eventID: row.1, dedupKey: row.2, chatKey: row.3, eventType: row.4, body: row.5, receivedAt: row.6)
            )
        }
    }

    /// Stored sessions in chat-key (byte) order, after `chatKey` when given.
    public func sessions(after chatKey: String?, limit: Int) async throws -> [ChatSessionEntry] {
        try await rows(
            """
            SELECT chat_key, data, updated_at FROM linqbot_sessions
            WHERE chat_key > \(chatKey ?? "") ORDER BY chat_key LIMIT \(max(limit, 0))
            """,
            as: (String, Data, Date).self
        ).map { ChatSessionEntry(chatKey: $0.0, session: StoredSession(data: $0.1, updatedAt: $0.2)) }
    }
}
