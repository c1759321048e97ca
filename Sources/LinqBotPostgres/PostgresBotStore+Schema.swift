extension PostgresBotStore {
    /// The store's schema, oldest migration first. Every table name starts with `linqbot_`, so
    /// the store can share a database; keys use the `"C"` collation (byte order, as in SQLite).
    ///
    /// - `linqbot_inbox`: every webhook event, in append order (`sequence`). `status` moves
    ///   pending → claimed → done or dead (retry puts a claimed row back to pending). A chat's
    ///   *head* is its lowest-sequence pending or claimed row.
    /// - `linqbot_leases`: one row per chat, created with its first event; claims lock it
    ///   (`FOR UPDATE SKIP LOCKED`). `worker` and `expires_at` are `NULL` while no one holds the
    ///   chat; `token` is the last fencing token, from the sequence `linqbot_fencing_tokens`,
    ///   so tokens only grow.
    /// - `linqbot_sessions`: the latest session of each chat.
    /// - `linqbot_dead_letters`: a copy of each event given up on, newest last; never pruned,
    ///   deleted when an operator replays or discards it.
    /// - `linqbot_dedup_keys`: the message-id keys of `message.received` events, kept longer
    ///   than the inbox rows they came with, so a late redelivery is still caught.
    /// - `linqbot_sent_messages`: what Linq accepted from the bot, by idempotency key.
    /// - `linqbot_counters`: named counters with an optional expiry (none: never pruned).
    /// - `linqbot_timers`: durable per-chat timers, one per chat and name, found by due time.
    /// - `linqbot_instances`: the bot instances that registered, with their last heartbeat. A
    ///   lease's instance is the part of its `worker` before the `/` (see `WorkerName`).
    /// - `linqbot_line_assignments`: each person's line, for the line pool.
    /// - The trigger `linqbot_inbox_announce` sends `NOTIFY linqbot_work, '<schema> <count>'`
    ///   for each statement that stores events (delivered when it commits), so every instance
    ///   listening wakes (``listenForWork(ready:onWork:)``).
    static let migrator: PostgresMigrator = {
        var migrator = PostgresMigrator()
        migrator.register(
            "v1-inbox-leases-sessions-dead-letters",
            [
                "CREATE SEQUENCE linqbot_fencing_tokens AS bigint",
                """
                CREATE TABLE linqbot_inbox (
                    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    event_id text COLLATE "C" NOT NULL UNIQUE,
                    dedup_key text COLLATE "C" UNIQUE,
                    chat_key text COLLATE "C" NOT NULL,
                    event_type text NOT NULL,
                    body bytea NOT NULL,
                    received_at timestamptz NOT NULL,
                    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done', 'dead')),
                    attempts integer NOT NULL DEFAULT 0,
                    not_before timestamptz,
                    error text
                )
                """,
                // The claim scan walks only unfinished rows, however many done rows wait for pruning.
                "CREATE INDEX linqbot_inbox_open ON linqbot_inbox (sequence) WHERE status IN ('pending', 'claimed')",
                "CREATE INDEX linqbot_inbox_open_chat ON linqbot_inbox (chat_key, sequence) WHERE status IN ('pending', 'claimed')",
                "CREATE INDEX linqbot_inbox_finished ON linqbot_inbox (received_at) WHERE status IN ('done', 'dead')",
                """
                CREATE TABLE linqbot_leases (
                    chat_key text COLLATE "C" PRIMARY KEY,
                    worker text,
                    token bigint NOT NULL DEFAULT 0,
                    expires_at timestamptz
                )
                """,
                "CREATE INDEX linqbot_leases_held ON linqbot_leases (expires_at) WHERE worker IS NOT NULL",
                """
                CREATE TABLE linqbot_sessions (
                    chat_key text COLLATE "C" PRIMARY KEY,
                    data bytea NOT NULL,
                    updated_at timestamptz NOT NULL
                )
                """,
                """
                CREATE TABLE linqbot_dead_letters (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    inbox_sequence bigint NOT NULL,
                    event_id text NOT NULL,
                    dedup_key text,
                    chat_key text NOT NULL,
                    event_type text NOT NULL,
                    body bytea NOT NULL,
                    received_at timestamptz NOT NULL,
                    attempts integer NOT NULL,
                    error text NOT NULL,
                    failed_at timestamptz NOT NULL
                )
                """,
            ]
        )
        migrator.register(
            "v2-dedup-keys-sent-messages-counters",
            [
                "CREATE TABLE linqbot_dedup_keys (key text COLLATE \"C\" PRIMARY KEY, seen_at timestamptz NOT NULL)",
                "CREATE INDEX linqbot_dedup_keys_seen ON linqbot_dedup_keys (seen_at)",
                """
                CREATE TABLE linqbot_sent_messages (
                    idempotency_key text COLLATE "C" PRIMARY KEY,
                    chat_key text COLLATE "C" NOT NULL,
                    message_id text NOT NULL,
                    event_id text,
                    sent_at timestamptz NOT NULL
                )
                """,
                "CREATE INDEX linqbot_sent_messages_chat ON linqbot_sent_messages (chat_key, sent_at)",
                "CREATE INDEX linqbot_sent_messages_sent ON linqbot_sent_messages (sent_at)",
                """
                CREATE TABLE linqbot_counters (
                    key text COLLATE "C" PRIMARY KEY,
                    value bigint NOT NULL,
                    expires_at timestamptz
                )
                """,
                "CREATE INDEX linqbot_counters_expiry ON linqbot_counters (expires_at) WHERE expires_at IS NOT NULL",
            ]
        )
        migrator.register(
            "v3-timers",
            [
                """
                CREATE TABLE linqbot_timers (
                    chat_key text COLLATE "C" NOT NULL,
                    name text COLLATE "C" NOT NULL,
                    due_at timestamptz NOT NULL,
                    payload jsonb,
                    PRIMARY KEY (chat_key, name)
                )
                """,
                "CREATE INDEX linqbot_timers_due ON linqbot_timers (due_at)",
            ]
        )
        migrator.register(
            "v4-instances-work-announcements",
            [
                """
                CREATE TABLE linqbot_instances (
                    id text COLLATE "C" PRIMARY KEY,
                    started_at timestamptz NOT NULL,
                    heartbeat_at timestamptz NOT NULL
                )
                """,
                // Every insert into the inbox (appends, fired timers) announces the events it stored.
                """
                CREATE FUNCTION linqbot_announce_stored_events() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    stored bigint;
                BEGIN
                    SELECT count(*) INTO stored FROM linqbot_stored_events;
                    IF stored > 0 THEN
                        PERFORM pg_notify('linqbot_work', TG_TABLE_SCHEMA || ' ' || stored);
                    END IF;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER linqbot_inbox_announce AFTER INSERT ON linqbot_inbox
                REFERENCING NEW TABLE AS linqbot_stored_events
                FOR EACH STATEMENT EXECUTE FUNCTION linqbot_announce_stored_events()
                """,
            ]
        )
        // The inbox and the leases work as a queue: every event inserts a row and updates it
        // twice, and each update leaves a dead row version behind (and, as a row leaves the
        // open-inbox indexes, a dead index entry that every claim's scan steps over until a
        // vacuum removes it). Vacuum them after a fixed number of changes, not after a fifth
        // of the table changed (the default), so a busy bot's claims stay as cheap as a new one's.
        migrator.register(
            "v5-queue-vacuum",
            [
                """
                ALTER TABLE linqbot_inbox SET (
                    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
                    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 10000
                )
                """,
                "ALTER TABLE linqbot_leases SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000)",
            ]
        )
        migrator.register(
            "v6-line-assignments",
            [
                """
                CREATE TABLE linqbot_line_assignments (
                    handle text COLLATE "C" PRIMARY KEY,
                    line text COLLATE "C" NOT NULL,
                    assigned_at timestamptz NOT NULL
                )
                """,
                "CREATE INDEX linqbot_line_assignments_line ON linqbot_line_assignments (line, handle)",
            ]
        )
        // Per line–person pair, the pace's theoretical arrival time, the end of a 429's block
        // and the last moment booked (Unix seconds); a row is spent once both are past.
        migrator.register(
            "v7-pair-paces",
            [
                """
                CREATE TABLE linqbot_pair_paces (
                    pair text COLLATE "C" PRIMARY KEY,
                    arrival double precision NOT NULL,
                    blocked_until double precision NOT NULL,
                    booked double precision NOT NULL
                )
                """,
            ]
        )
        return migrator
    }()
}
