import EventPatterns
import Foundation
import GRDB
import Switchyard

/// Trails and event history in SQLite.
struct SQLiteTrails: TrailWriter {
    let connection: SQLiteConnection

    func trail(named name: String, owner: Caller) async throws -> Trail? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>(
                "SELECT * FROM trail WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)"))
                .map(Self.trail)
        }
    }

    func trails(account: String) async throws -> [Trail] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("SELECT * FROM trail WHERE account = \(account) ORDER BY name, region"))
                .map(Self.trail)
        }
    }

    func loggingTrails() async throws -> [Trail] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("SELECT * FROM trail WHERE isLogging")).map(Self.trail)
        }
    }

    func history(
        owner: Caller, in window: ClosedRange<Date>, matching attribute: LookupAttribute?, after cursor: HistoryCursor?,
        limit: Int
    ) async throws -> [(record: CloudTrailRecord, cursor: HistoryCursor)] {
        let matching: SQL = switch attribute {
        case nil: ""
        case .eventId(let value): "AND eventId = \(value)"
        case .eventName(let value): "AND eventName = \(value)"
        case .readOnly(let value): "AND readOnly = \(value)"
        case .username(let value): "AND username = \(value)"
        case .eventSource(let value): "AND eventSource = \(value)"
        case .accessKeyId(let value): "AND accessKeyId = \(value)"
        case .resourceType(let value): "AND instr(resources, \(TrailHistoryText.typeToken(value))) > 0"
        case .resourceName(let value): "AND instr(resources, \(TrailHistoryText.nameToken(value))) > 0"
        }
        let continuing: SQL = cursor.map { cursor in
            let time = cursor.eventTime.timeIntervalSince1970
            return "AND (eventTime < \(time) OR (eventTime = \(time) AND sequence < \(cursor.sequence)))"
        } ?? ""
        return try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT * FROM trailEvent
                WHERE account = \(owner.account) AND region = \(owner.region)
                  AND eventTime >= \(window.lowerBound.timeIntervalSince1970)
                  AND eventTime <= \(window.upperBound.timeIntervalSince1970)
                  \(matching) \(continuing)
                ORDER BY eventTime DESC, sequence DESC LIMIT \(limit)
                """)).map { row in
                let record = CloudTrailRecord(
                    owner: owner, eventId: row["eventId"], eventTime: Date(timeIntervalSince1970: row["eventTime"]),
                    eventSource: row["eventSource"], eventName: row["eventName"], readOnly: row["readOnly"],
                    isManagement: row["isManagement"], username: row["username"],
                    resources: TrailHistoryText.resources(row["resources"]), text: row["record"])
                var complete = record
                complete.accessKeyId = row["accessKeyId"]
                complete.userIdentityArn = row["userIdentityArn"]
                complete.errorCode = row["errorCode"]
                return (complete, HistoryCursor(eventTime: record.eventTime, sequence: row["sequence"]))
            }
        }
    }

    func save(_ trail: Trail) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO trail (account, region, name, isLogging, definition)
                VALUES (\(trail.owner.account), \(trail.owner.region), \(trail.name), \(trail.isLogging), \(trail.stored.jsonText))
                """)
        }
    }

    func deleteTrail(named name: String, owner: Caller) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM trail WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)")
        }
    }

    func appendHistory(_ records: [CloudTrailRecord]) async throws {
        try await connection.access { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO trailEvent (account, region, eventId, eventTime, eventSource, eventName, readOnly, isManagement,
                  username, accessKeyId, userIdentityArn, errorCode, resources, record)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in records {
                try statement.execute(arguments: [
                    record.owner.account, record.owner.region, record.eventId, record.eventTime.timeIntervalSince1970,
                    record.eventSource, record.eventName, record.readOnly, record.isManagement, record.username,
                    record.accessKeyId, record.userIdentityArn, record.errorCode, TrailHistoryText.text(record.resources),
                    record.text,
                ])
            }
        }
    }

    func purgeHistory(before time: Date) async throws -> Int {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM trailEvent WHERE eventTime < \(time.timeIntervalSince1970)")
            return db.changesCount
        }
    }

    private static func trail(_ row: Row) throws -> Trail {
        Trail(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]),
            stored: try JSONParser.parse(row["definition"] as String))
    }
}
