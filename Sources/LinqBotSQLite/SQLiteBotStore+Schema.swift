extension SQLiteBotStore {
    /// The store's schema, oldest migration first. Times are Unix seconds (`REAL`).
    ///
    /// - `inbox`: every webhook event, in append order (`sequence`). `status` moves
    ///   pending → claimed → done or dead (retry puts a claimed row back to pending). A chat's
    ///   *head* is its lowest-sequence pending or claimed row.
    /// - `leases`: one row per chat ever claimed. `worker` and `expires_at` are `NULL` while no
    ///   one holds the chat; `token` stays, so fencing tokens only grow per chat.
    /// - `sessions`: the latest session of each chat.
    /// - `dead_letters`: a copy of each event given up on, newest last; never pruned, deleted
    ///   when an operator replays or discards it.
    /// - `dedup_keys`: the message-id keys of `message.received` events, kept longer than the
    ///   inbox rows they came with (30 days by default), so a late redelivery is still caught.
    /// - `sent_messages`: what Linq accepted from the bot, by idempotency key.
    /// - `counters`: named counters with an optional expiry, for line-health middleware.
    /// - `timers`: durable per-chat timers, one per chat and name, found by due time.
    /// - `instances`: the bot instances that registered, with their last heartbeat. A lease's
    ///   instance is the part of its `worker` before the `/` (see `WorkerName`).
    /// - `line_assignments`: each person's line, for the line pool.
    /// - `pair_paces`: per line–person pair, the pace's theoretical arrival time, the end of a
    ///   429's block and the last moment booked; a row is spent once both are past.
    static let migrator: SQLiteMigrator = {
        var migrator = SQLiteMigrator()
        migrator.register(
            "v1-inbox-leases-sessions-dead-letters",
            [
                """
                CREATE TABLE inbox (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    event_id TEXT NOT NULL UNIQUE,
                    dedup_key TEXT UNIQUE,
                    chat_key TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    body BLOB,
                    received_at REAL NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done', 'dead')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    not_before REAL,
                    error TEXT
                )
                """,
                "CREATE INDEX inbox_chat_status_sequence ON inbox (chat_key, status, sequence)",
                // The claim scan walks only unfinished rows, however many done rows wait for pruning.
                "CREATE INDEX inbox_open_sequence ON inbox (sequence) WHERE status IN ('pending', 'claimed')",
                "CREATE INDEX inbox_finished_received ON inbox (received_at) WHERE status IN ('done', 'dead')",
                """
                CREATE TABLE leases (
                    chat_key TEXT PRIMARY KEY NOT NULL,
                    worker TEXT,
                    token INTEGER NOT NULL,
                    expires_at REAL
                )
                """,
                """
                CREATE TABLE sessions (
                    chat_key TEXT PRIMARY KEY NOT NULL,
                    data BLOB,
                    updated_at REAL NOT NULL
                )
                """,
                """
                CREATE TABLE dead_letters (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    inbox_sequence INTEGER NOT NULL,
                    event_id TEXT NOT NULL,
                    dedup_key TEXT,
                    chat_key TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    body BLOB,
                    received_at REAL NOT NULL,
                    attempts INTEGER NOT NULL,
                    error TEXT NOT NULL,
                    failed_at REAL NOT NULL
                )
                """,
            ]
        )
        migrator.register(
            "v2-dedup-keys-sent-messages-counters",
            [
                "CREATE TABLE dedup_keys (key TEXT PRIMARY KEY NOT NULL, seen_at REAL NOT NULL)",
                "INSERT INTO dedup_keys (key, seen_at) SELECT dedup_key, received_at FROM inbox WHERE dedup_key IS NOT NULL",
                "CREATE INDEX dedup_keys_seen ON dedup_keys (seen_at)",
                """
                CREATE TABLE sent_messages (
                    idempotency_key TEXT PRIMARY KEY NOT NULL,
                    chat_key TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    event_id TEXT,
                    sent_at REAL NOT NULL
                )
                """,
                "CREATE INDEX sent_messages_chat_sent ON sent_messages (chat_key, sent_at)",
                "CREATE INDEX sent_messages_sent ON sent_messages (sent_at)",
                "CREATE TABLE counters (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL, expires_at REAL)",
            ]
        )
        migrator.register(
            "v3-timers",
            [
                """
                CREATE TABLE timers (
                    chat_key TEXT NOT NULL,
                    name TEXT NOT NULL,
                    due_at REAL NOT NULL,
                    payload BLOB,
                    PRIMARY KEY (chat_key, name)
                )
                """,
                "CREATE INDEX timers_due ON timers (due_at)",
            ]
        )
        migrator.register(
            "v4-instances",
            [
                """
                CREATE TABLE instances (
                    id TEXT PRIMARY KEY NOT NULL,
                    started_at REAL NOT NULL,
                    heartbeat_at REAL NOT NULL
                )
                """,
            ]
        )
        migrator.register(
            "v5-line-assignments",
            [
                "CREATE TABLE line_assignments (handle TEXT PRIMARY KEY NOT NULL, line TEXT NOT NULL, assigned_at REAL NOT NULL)",
                "CREATE INDEX line_assignments_line ON line_assignments (line, handle)",
            ]
        )
        migrator.register(
            "v6-pair-paces",
            ["CREATE TABLE pair_paces (pair TEXT PRIMARY KEY NOT NULL, arrival REAL NOT NULL, blocked_until REAL NOT NULL, booked REAL NOT NULL)"]
        )
        return migrator
    }()
}
