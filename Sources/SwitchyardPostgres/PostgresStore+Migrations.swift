import Foundation
import PostgresNIO
import Switchyard

extension PostgresStore {
    /// Named, ordered schema changes; the database records which it has applied.
    /// Names sort byte by byte (`COLLATE "C"`), as AWS lists them and as the
    /// SQLite store keeps them; text a client wrote freely is `bytea` (`ClientText`).
    static let migrations: [(name: String, sql: [String])] = [
        ("control plane: buses, rules, targets, tags", [
            """
            CREATE TABLE event_bus (
              arn text PRIMARY KEY, account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL,
              description bytea, kms_key_identifier text, dead_letter_config text, log_config text,
              event_source_name text, policy text, creation_time double precision NOT NULL,
              last_modified_time double precision NOT NULL)
            """,
            "CREATE INDEX event_bus_by_owner ON event_bus (account, region, name)",
            """
            CREATE TABLE rule (
              arn text PRIMARY KEY, account text NOT NULL, region text NOT NULL, event_bus_name text NOT NULL,
              name text COLLATE "C" NOT NULL, event_pattern text, schedule_expression text, state text NOT NULL,
              description bytea, role_arn text, managed_by text, created_by text NOT NULL)
            """,
            "CREATE INDEX rule_by_bus ON rule (account, region, event_bus_name, name)",
            """
            CREATE TABLE rule_change (
              rule_arn text PRIMARY KEY, bus_arn text NOT NULL, rule_name text NOT NULL, version bigint NOT NULL UNIQUE)
            """,
            // One row: taking the next version locks it until commit, so versions follow commit order.
            "CREATE TABLE rule_version (only_row boolean PRIMARY KEY CHECK (only_row), version bigint NOT NULL)",
            "INSERT INTO rule_version VALUES (true, 0)",
            """
            CREATE TABLE target (
              rule_arn text NOT NULL, position bigint NOT NULL, target_id text NOT NULL, definition text NOT NULL,
              PRIMARY KEY (rule_arn, position))
            """,
            "CREATE INDEX target_by_id ON target (rule_arn, target_id)",
            """
            CREATE TABLE tag (
              resource_arn text NOT NULL, position bigint NOT NULL, key bytea NOT NULL, value bytea NOT NULL,
              PRIMARY KEY (resource_arn, position))
            """,
        ]),
        ("event flow: events, deliveries, queues, messages, logs", [
            """
            CREATE TABLE event (
              id text PRIMARY KEY, event_bus_arn text NOT NULL, text text NOT NULL,
              ingestion_time double precision NOT NULL, forwarded boolean NOT NULL, trace_header bytea)
            """,
            """
            CREATE TABLE delivery (
              id bigserial PRIMARY KEY, event_id text NOT NULL, rule_arn text NOT NULL, target_id text NOT NULL,
              ingestion_time double precision NOT NULL, failed_attempts bigint NOT NULL,
              due_time double precision NOT NULL, claimed boolean NOT NULL, last_error_code text,
              last_error_message bytea)
            """,
            "CREATE INDEX delivery_by_due_time ON delivery (due_time)",
            "CREATE INDEX delivery_by_event ON delivery (event_id)",
            """
            CREATE TABLE queue (
              arn text PRIMARY KEY, account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL,
              attributes text NOT NULL, created_timestamp double precision NOT NULL,
              last_modified_timestamp double precision NOT NULL)
            """,
            "CREATE INDEX queue_by_owner ON queue (account, region, name)",
            """
            CREATE TABLE message (
              sequence bigserial PRIMARY KEY, id text NOT NULL, queue_arn text NOT NULL, body bytea NOT NULL,
              md5_of_body text NOT NULL, message_attributes text, md5_of_message_attributes text,
              system_attributes text NOT NULL, message_group_id bytea, deduplication_id bytea,
              sent_time double precision NOT NULL, visible_at double precision NOT NULL, receive_count bigint NOT NULL,
              first_receive_time double precision, receipt_handle text)
            """,
            "CREATE INDEX message_by_queue ON message (queue_arn, sequence)",
            "CREATE INDEX message_by_sent_time ON message (queue_arn, sent_time)",
            "CREATE INDEX message_by_receipt_handle ON message (receipt_handle)",
            """
            CREATE TABLE deduplication (
              queue_arn text NOT NULL, deduplication_id bytea NOT NULL, message_id text NOT NULL,
              sent_time double precision NOT NULL, PRIMARY KEY (queue_arn, deduplication_id))
            """,
            "CREATE INDEX deduplication_by_sent_time ON deduplication (sent_time)",
            """
            CREATE TABLE log_group (
              arn text PRIMARY KEY, account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL,
              creation_time double precision NOT NULL)
            """,
            """
            CREATE TABLE log_stream (
              group_arn text NOT NULL, name bytea NOT NULL, creation_time double precision NOT NULL,
              first_event_timestamp bigint, last_event_timestamp bigint, last_ingestion_time bigint,
              PRIMARY KEY (group_arn, name))
            """,
            """
            CREATE TABLE log_event (
              sequence bigserial PRIMARY KEY, group_arn text NOT NULL, stream_name bytea NOT NULL,
              timestamp bigint NOT NULL, ingestion_time bigint NOT NULL, message bytea NOT NULL)
            """,
            "CREATE INDEX log_event_by_group ON log_event (group_arn, sequence)",
        ]),
        // Rows of these tables live briefly: a message until it is deleted, a
        // delivery until it is made. Left to the default, autovacuum waits for a
        // fifth of a table to be dead, and every receive and claim wades through it.
        ("queue-like tables vacuumed eagerly", ["message", "delivery", "event"].map { table in
            """
            ALTER TABLE \(table) SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
              autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0.05)
            """
        }),
        ("schedules of enabled scheduled rules", [
            """
            CREATE TABLE schedule (
              rule_arn text PRIMARY KEY, expression text NOT NULL, anchor double precision NOT NULL,
              next_firing double precision NOT NULL)
            """,
            "CREATE INDEX schedule_by_next_firing ON schedule (next_firing)",
        ]),
        ("archives, their events, and replays", [
            """
            CREATE TABLE archive (
              arn text PRIMARY KEY, account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL,
              event_source_arn text NOT NULL, description bytea, event_pattern text, retention_days bigint NOT NULL,
              kms_key_identifier text, state text NOT NULL, creation_time double precision NOT NULL)
            """,
            "CREATE INDEX archive_by_owner ON archive (account, region, name)",
            // Sequences are handed out at insert, not at commit: a replay reads windows
            // that lie in the past, whose events were committed before it started.
            """
            CREATE TABLE archived_event (
              sequence bigserial PRIMARY KEY, archive_arn text NOT NULL, event_id text NOT NULL,
              received_time double precision NOT NULL, text text NOT NULL, size bigint NOT NULL)
            """,
            "CREATE INDEX archived_event_by_sequence ON archived_event (archive_arn, sequence)",
            "CREATE INDEX archived_event_by_time ON archived_event (archive_arn, received_time)",
            """
            CREATE TABLE replay (
              arn text PRIMARY KEY, account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL,
              description bytea, archive_arn text NOT NULL, destination_arn text NOT NULL, filter_arns text NOT NULL,
              event_start_time double precision NOT NULL, event_end_time double precision NOT NULL, state text NOT NULL,
              state_reason text, replay_start_time double precision NOT NULL, replay_end_time double precision,
              event_last_replayed_time double precision, cursor bigint NOT NULL)
            """,
            "CREATE INDEX replay_by_owner ON replay (account, region, name)",
            "CREATE INDEX replay_by_state ON replay (state)",
        ]),
        ("connections and API destinations", [
            """
            CREATE TABLE connection (
              account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL, resource_id text NOT NULL,
              description bytea, authorization_type text NOT NULL, shown_parameters text NOT NULL,
              sealed_parameters bytea NOT NULL, state text NOT NULL, state_reason text,
              creation_time double precision NOT NULL, last_modified_time double precision NOT NULL,
              last_authorized_time double precision, PRIMARY KEY (account, region, name))
            """,
            """
            CREATE TABLE api_destination (
              account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL, resource_id text NOT NULL,
              description bytea, connection_arn text NOT NULL, invocation_endpoint text NOT NULL, http_method text NOT NULL,
              invocation_rate_limit_per_second bigint, state text NOT NULL, creation_time double precision NOT NULL,
              last_modified_time double precision NOT NULL, PRIMARY KEY (account, region, name))
            """,
        ]),
        ("connections to private APIs", ["ALTER TABLE connection ADD COLUMN invocation_connectivity text"]),
        ("trails and event history", [
            """
            CREATE TABLE trail (
              account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL, is_logging boolean NOT NULL,
              definition text NOT NULL, PRIMARY KEY (account, region, name))
            """,
            """
            CREATE TABLE trail_event (
              sequence bigserial PRIMARY KEY, account text NOT NULL, region text NOT NULL, event_id text NOT NULL,
              event_time double precision NOT NULL, event_source text NOT NULL, event_name text NOT NULL,
              read_only boolean NOT NULL, is_management boolean NOT NULL, username text NOT NULL, access_key_id text,
              user_identity_arn text, error_code text, resources text NOT NULL, record text NOT NULL)
            """,
            "CREATE INDEX trail_event_by_time ON trail_event (account, region, event_time, sequence)",
        ]),
        ("events' lineage", ["ALTER TABLE event ADD COLUMN lineage text"]),
        ("partner event sources", [
            """
            CREATE TABLE partner_event_source (
              account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL, partner_account text NOT NULL,
              creation_time double precision NOT NULL, deactivated_time double precision, is_deleted boolean NOT NULL,
              PRIMARY KEY (account, region, name))
            """,
            "CREATE INDEX partner_event_source_by_partner ON partner_event_source (partner_account, region, name)",
        ]),
        ("global endpoints", [
            """
            CREATE TABLE endpoint (
              account text NOT NULL, region text NOT NULL, name text COLLATE "C" NOT NULL, endpoint_id text NOT NULL UNIQUE,
              description bytea, health_check text NOT NULL, secondary_region text NOT NULL,
              replication_enabled boolean NOT NULL, event_bus_arns text NOT NULL, role_arn text,
              creation_time double precision NOT NULL, last_modified_time double precision NOT NULL,
              PRIMARY KEY (account, region, name))
            """,
            "CREATE TABLE health_check (arn text PRIMARY KEY, is_healthy boolean NOT NULL)",
        ]),
    ]

    /// Steps SQL cannot express, run after their migration's statements, in its transaction.
    static let migrationSteps: [String: @Sendable (PostgresSession) async throws -> Void] = [
        // Rules put before schedules fired start their schedules now.
        "schedules of enabled scheduled rules": { session in
            let moment = Date()
            let schedules = PostgresSchedules(session: session)
            for row in try await session.rows("SELECT * FROM rule WHERE schedule_expression IS NOT NULL") {
                if let schedule = Schedule.starting(for: try PostgresResources.rule(row), at: moment) {
                    try await schedules.save(schedule)
                }
            }
        },
    ]

    /// Applies the migrations this database lacks, each in a transaction of its
    /// own, under an advisory lock so that nodes starting together take turns.
    static func migrate(_ session: PostgresSession) async throws {
        try await session.execute("SELECT pg_advisory_lock(\(AdvisoryLock.migrations))")
        do {
            try await session.execute("""
                CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let applied = Set(try await session.rows("SELECT name FROM schema_migration").map { try $0.value("name", as: String.self) })
            for migration in migrations where !applied.contains(migration.name) {
                try await session.execute("BEGIN")
                do {
                    for statement in migration.sql {
                        try await session.execute(PostgresQuery(unsafeSQL: statement))
                    }
                    try await migrationSteps[migration.name]?(session)
                    try await session.execute("INSERT INTO schema_migration (name) VALUES (\(migration.name))")
                    try await session.execute("COMMIT")
                } catch {
                    try? await session.execute("ROLLBACK")
                    throw error
                }
            }
        } catch {
            try? await session.execute("SELECT pg_advisory_unlock(\(AdvisoryLock.migrations))")
            throw error
        }
        try await session.execute("SELECT pg_advisory_unlock(\(AdvisoryLock.migrations))")
    }
}

/// The advisory-lock keys Switchyard takes; one namespace so they never meet another application's.
enum AdvisoryLock {
    static let migrations: Int64 = 0x5377_6974_6368_0001
    static let singleton: Int64 = 0x5377_6974_6368_0002
}
