import Foundation
import PostgresNIO
import Switchyard

/// Log groups, streams and events in PostgreSQL.
struct PostgresLogs: LogWriter {
    let session: PostgresSession

    func logGroup(arn: String) async throws -> LogGroup? {
        try await session.row("SELECT * FROM log_group WHERE arn = \(arn)").map(Self.logGroup)
    }

    func logGroups(owner: Caller) async throws -> [LogGroup] {
        try await session.rows("""
            SELECT * FROM log_group WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
            """).map(Self.logGroup)
    }

    func logStream(named name: String, inGroup groupArn: String) async throws -> LogStream? {
        try await session.row("SELECT * FROM log_stream WHERE group_arn = \(groupArn) AND name = \(name.client)")
            .map(Self.logStream)
    }

    func logStreams(inGroup groupArn: String) async throws -> [LogStream] {
        try await session.rows("SELECT * FROM log_stream WHERE group_arn = \(groupArn) ORDER BY name").map(Self.logStream)
    }

    func logEvents(inGroup groupArn: String, matching query: LogEventQuery) async throws -> [LogEvent] {
        // Absent bounds are bound as NULL and hold for every row.
        let rows = try await session.rows("""
            SELECT * FROM log_event
            WHERE group_arn = \(groupArn)
              AND (\(query.streamNames == nil) OR encode(stream_name, 'hex') = ANY(\(query.streamNames?.map(Self.hex) ?? [])::text[]))
              AND (\(query.streamNamePrefix.client)::bytea IS NULL
                   OR substring(stream_name FROM 1 FOR length(\(query.streamNamePrefix.client)::bytea))
                      = \(query.streamNamePrefix.client)::bytea)
              AND (\(query.startTime)::bigint IS NULL OR timestamp >= \(query.startTime)::bigint)
              AND (\(query.endTime)::bigint IS NULL OR timestamp < \(query.endTime)::bigint)
              AND (\(query.afterSequence)::bigint IS NULL OR sequence > \(query.afterSequence)::bigint)
              AND (\(query.beforeSequence)::bigint IS NULL OR sequence < \(query.beforeSequence)::bigint)
            ORDER BY sequence \(unescaped: query.newestFirst ? "DESC" : "ASC")
            LIMIT \(query.limit)
            """)
        return try rows.map { row in
            LogEvent(
                sequence: try row.value("sequence"), streamName: try row.text("stream_name"), timestamp: try row.value("timestamp"),
                ingestionTime: try row.value("ingestion_time"), message: try row.text("message"))
        }
    }

    func save(_ group: LogGroup) async throws {
        try await session.execute("""
            INSERT INTO log_group (arn, account, region, name, creation_time)
            VALUES (\(group.arn), \(group.owner.account), \(group.owner.region), \(group.name),
                    \(group.creationTime.timeIntervalSince1970))
            ON CONFLICT (arn) DO UPDATE SET creation_time = excluded.creation_time
            """)
    }

    func deleteLogGroup(arn: String) async throws {
        try await session.execute("DELETE FROM log_group WHERE arn = \(arn)")
        try await session.execute("DELETE FROM log_stream WHERE group_arn = \(arn)")
        try await session.execute("DELETE FROM log_event WHERE group_arn = \(arn)")
    }

    func save(_ stream: LogStream, inGroup groupArn: String) async throws {
        try await session.execute("""
            INSERT INTO log_stream
              (group_arn, name, creation_time, first_event_timestamp, last_event_timestamp, last_ingestion_time)
            VALUES (\(groupArn), \(stream.name.client), \(stream.creationTime.timeIntervalSince1970),
                    \(stream.firstEventTimestamp), \(stream.lastEventTimestamp), \(stream.lastIngestionTime))
            ON CONFLICT (group_arn, name) DO UPDATE SET creation_time = excluded.creation_time,
              first_event_timestamp = excluded.first_event_timestamp, last_event_timestamp = excluded.last_event_timestamp,
              last_ingestion_time = excluded.last_ingestion_time
            """)
    }

    func append(_ events: [LogEvent], inGroup groupArn: String) async throws {
        guard !events.isEmpty else { return }
        try await session.insert(
            into: "log_event", columns: ["group_arn", "stream_name", "timestamp", "ingestion_time", "message"], events
        ) { event in
            [groupArn, event.streamName.client, event.timestamp, event.ingestionTime, event.message.client]
        }
    }

    private static func hex(_ text: String) -> String {
        text.utf8.map { String(format: "%02x", $0) }.joined()
    }

    private static func logStream(_ row: PostgresRandomAccessRow) throws -> LogStream {
        var stream = LogStream(name: try row.text("name"), creationTime: try row.date("creation_time"))
        stream.firstEventTimestamp = try row.value("first_event_timestamp")
        stream.lastEventTimestamp = try row.value("last_event_timestamp")
        stream.lastIngestionTime = try row.value("last_ingestion_time")
        return stream
    }

    private static func logGroup(_ row: PostgresRandomAccessRow) throws -> LogGroup {
        LogGroup(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            creationTime: try row.date("creation_time"))
    }
}
