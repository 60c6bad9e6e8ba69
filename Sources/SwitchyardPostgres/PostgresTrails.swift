import EventPatterns
import Foundation
import PostgresNIO
import Switchyard

/// Trails and event history in PostgreSQL.
struct PostgresTrails: TrailWriter {
    let session: PostgresSession

    func trail(named name: String, owner: Caller) async throws -> Trail? {
        try await session.row("""
            SELECT * FROM trail WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """).map(Self.trail)
    }

    func trails(account: String) async throws -> [Trail] {
        try await session.rows("SELECT * FROM trail WHERE account = \(account) ORDER BY name, region").map(Self.trail)
    }

    func loggingTrails() async throws -> [Trail] {
        try await session.rows("SELECT * FROM trail WHERE is_logging").map(Self.trail)
    }

    func history(
        owner: Caller, in window: ClosedRange<Date>, matching attribute: LookupAttribute?, after cursor: HistoryCursor?,
        limit: Int
    ) async throws -> [(record: CloudTrailRecord, cursor: HistoryCursor)] {
        var bindings = PostgresBindings()
        func bind(_ value: some PostgresThrowingDynamicTypeEncodable) throws -> String {
            try bindings.append(value)
            return "$\(bindings.count)"
        }
        var sql = """
            SELECT * FROM trail_event WHERE account = \(try bind(owner.account)) AND region = \(try bind(owner.region))
              AND event_time >= \(try bind(window.lowerBound.timeIntervalSince1970))
              AND event_time <= \(try bind(window.upperBound.timeIntervalSince1970))
            """
        switch attribute {
        case nil: break
        case .eventId(let value): sql += " AND event_id = \(try bind(value))"
        case .eventName(let value): sql += " AND event_name = \(try bind(value))"
        case .readOnly(let value): sql += " AND read_only = \(try bind(value))"
        case .username(let value): sql += " AND username = \(try bind(value))"
        case .eventSource(let value): sql += " AND event_source = \(try bind(value))"
        case .accessKeyId(let value): sql += " AND access_key_id = \(try bind(value))"
        case .resourceType(let value): sql += " AND strpos(resources, \(try bind(TrailHistoryText.typeToken(value)))) > 0"
        case .resourceName(let value): sql += " AND strpos(resources, \(try bind(TrailHistoryText.nameToken(value)))) > 0"
        }
        if let cursor {
            let time = try bind(cursor.eventTime.timeIntervalSince1970)
            sql += " AND (event_time < \(time) OR (event_time = \(time) AND sequence < \(try bind(cursor.sequence))))"
        }
        sql += " ORDER BY event_time DESC, sequence DESC LIMIT \(try bind(Int64(limit)))"
        return try await session.rows(PostgresQuery(unsafeSQL: sql, binds: bindings)).map { row in
            var record = CloudTrailRecord(
                owner: owner, eventId: try row.value("event_id"), eventTime: try row.date("event_time"),
                eventSource: try row.value("event_source"), eventName: try row.value("event_name"),
                readOnly: try row.value("read_only"), isManagement: try row.value("is_management"),
                username: try row.value("username"), resources: TrailHistoryText.resources(try row.value("resources")),
                text: try row.value("record"))
            record.accessKeyId = try row.value("access_key_id")
            record.userIdentityArn = try row.value("user_identity_arn")
            record.errorCode = try row.value("error_code")
            return (record, HistoryCursor(eventTime: record.eventTime, sequence: try row.value("sequence")))
        }
    }

    func save(_ trail: Trail) async throws {
        try await session.execute("""
            INSERT INTO trail (account, region, name, is_logging, definition)
            VALUES (\(trail.owner.account), \(trail.owner.region), \(trail.name), \(trail.isLogging), \(trail.stored.jsonText))
            ON CONFLICT (account, region, name) DO UPDATE SET is_logging = excluded.is_logging, definition = excluded.definition
            """)
    }

    func deleteTrail(named name: String, owner: Caller) async throws {
        try await session.execute("""
            DELETE FROM trail WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """)
    }

    func appendHistory(_ records: [CloudTrailRecord]) async throws {
        try await session.insert(
            into: "trail_event",
            columns: [
                "account", "region", "event_id", "event_time", "event_source", "event_name", "read_only", "is_management",
                "username", "access_key_id", "user_identity_arn", "error_code", "resources", "record",
            ],
            records
        ) { record in
            [
                record.owner.account, record.owner.region, record.eventId, record.eventTime.timeIntervalSince1970,
                record.eventSource, record.eventName, record.readOnly, record.isManagement, record.username,
                record.accessKeyId, record.userIdentityArn, record.errorCode, TrailHistoryText.text(record.resources),
                record.text,
            ]
        }
    }

    func purgeHistory(before time: Date) async throws -> Int {
        let row = try await session.row("""
            WITH purged AS (DELETE FROM trail_event WHERE event_time < \(time.timeIntervalSince1970) RETURNING 1)
            SELECT count(*) AS count FROM purged
            """)
        return Int(try row?.value("count", as: Int64.self) ?? 0)
    }

    private static func trail(_ row: PostgresRandomAccessRow) throws -> Trail {
        Trail(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            stored: try JSONParser.parse(try row.value("definition", as: String.self)))
    }
}
