import Foundation
import GRDB
import Switchyard

/// Log groups, streams and events in SQLite.
struct SQLiteLogs: LogWriter {
    let connection: SQLiteConnection

    func logGroup(arn: String) async throws -> LogGroup? {
        try await connection.access { db in
            try Row.fetchOne(db, sql: "SELECT * FROM logGroup WHERE arn = ?", arguments: [arn]).map(Self.logGroup)
        }
    }

    func logGroups(owner: Caller) async throws -> [LogGroup] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>(
                "SELECT * FROM logGroup WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name"))
                .map(Self.logGroup)
        }
    }

    func logStream(named name: String, inGroup groupArn: String) async throws -> LogStream? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>("SELECT * FROM logStream WHERE groupArn = \(groupArn) AND name = \(name.stored)"))
                .map(Self.logStream)
        }
    }

    func logStreams(inGroup groupArn: String) async throws -> [LogStream] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("SELECT * FROM logStream WHERE groupArn = \(groupArn) ORDER BY name"))
                .map(Self.logStream)
        }
    }

    private static func logStream(_ row: Row) -> LogStream {
        var stream = LogStream(name: row["name"], creationTime: Date(timeIntervalSince1970: row["creationTime"]))
        stream.firstEventTimestamp = row["firstEventTimestamp"]
        stream.lastEventTimestamp = row["lastEventTimestamp"]
        stream.lastIngestionTime = row["lastIngestionTime"]
        return stream
    }

    func logEvents(inGroup groupArn: String, matching query: LogEventQuery) async throws -> [LogEvent] {
        try await connection.access { db in
            var conditions: [SQL] = ["groupArn = \(groupArn)"]
            if let names = query.streamNames { conditions.append("streamName IN \(names.map(\.stored))") }
            if let prefix = query.streamNamePrefix { conditions.append("substr(streamName, 1, \(prefix.utf8.count)) = \(prefix.stored)") }
            if let start = query.startTime { conditions.append("timestamp >= \(start)") }
            if let end = query.endTime { conditions.append("timestamp < \(end)") }
            if let after = query.afterSequence { conditions.append("sequence > \(after)") }
            if let before = query.beforeSequence { conditions.append("sequence < \(before)") }
            let order: SQL = query.newestFirst ? "DESC" : "ASC"
            let rows = try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT * FROM logEvent WHERE \(conditions.joined(operator: .and)) ORDER BY sequence \(order) LIMIT \(query.limit)
                """))
            return rows.map { row in
                LogEvent(
                    sequence: row["sequence"], streamName: row["streamName"], timestamp: row["timestamp"],
                    ingestionTime: row["ingestionTime"], message: row["message"])
            }
        }
    }

    func save(_ group: LogGroup) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO logGroup (arn, account, region, name, creationTime)
                VALUES (\(group.arn), \(group.owner.account), \(group.owner.region), \(group.name), \(group.creationTime.timeIntervalSince1970))
                """)
        }
    }

    func deleteLogGroup(arn: String) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM logGroup WHERE arn = \(arn)")
            try db.execute(literal: "DELETE FROM logStream WHERE groupArn = \(arn)")
            try db.execute(literal: "DELETE FROM logEvent WHERE groupArn = \(arn)")
        }
    }

    func save(_ stream: LogStream, inGroup groupArn: String) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO logStream
                  (groupArn, name, creationTime, firstEventTimestamp, lastEventTimestamp, lastIngestionTime)
                VALUES (\(groupArn), \(stream.name.stored), \(stream.creationTime.timeIntervalSince1970), \(stream.firstEventTimestamp),
                        \(stream.lastEventTimestamp), \(stream.lastIngestionTime))
                """)
        }
    }

    func append(_ events: [LogEvent], inGroup groupArn: String) async throws {
        try await connection.access { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO logEvent (groupArn, streamName, timestamp, ingestionTime, message) VALUES (?, ?, ?, ?, ?)
                """)
            for event in events {
                try insert.execute(arguments: [groupArn, event.streamName.stored, event.timestamp, event.ingestionTime, event.message.stored])
            }
        }
    }

    private static func logGroup(_ row: Row) -> LogGroup {
        LogGroup(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]),
            creationTime: Date(timeIntervalSince1970: row["creationTime"]))
    }
}
