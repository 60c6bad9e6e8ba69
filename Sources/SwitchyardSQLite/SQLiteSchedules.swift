import Foundation
import GRDB
import Switchyard

/// Running schedules in SQLite. One process owns the file, so due schedules need
/// no lock beyond the write transaction itself.
struct SQLiteSchedules: ScheduleWriter {
    let connection: SQLiteConnection

    func schedule(ofRule ruleArn: String) async throws -> Schedule? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>("SELECT * FROM schedule WHERE ruleArn = \(ruleArn)")).map(Self.schedule)
        }
    }

    func earliestFiring() async throws -> Date? {
        try await connection.access { db in
            try Double.fetchOne(db, sql: "SELECT MIN(nextFiring) FROM schedule").map(Date.init(timeIntervalSince1970:))
        }
    }

    func save(_ schedule: Schedule) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO schedule (ruleArn, expression, anchor, nextFiring)
                VALUES (\(schedule.ruleArn), \(schedule.expression), \(schedule.anchor.timeIntervalSince1970),
                        \(schedule.nextFiring.timeIntervalSince1970))
                """)
        }
    }

    func deleteSchedule(ofRule ruleArn: String) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM schedule WHERE ruleArn = \(ruleArn)")
        }
    }

    func dueSchedules(by now: Date, limit: Int) async throws -> [Schedule] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT * FROM schedule WHERE nextFiring <= \(now.timeIntervalSince1970) ORDER BY nextFiring, ruleArn LIMIT \(limit)
                """)).map(Self.schedule)
        }
    }

    private static func schedule(_ row: Row) -> Schedule {
        Schedule(
            ruleArn: row["ruleArn"], expression: row["expression"], anchor: Date(timeIntervalSince1970: row["anchor"]),
            nextFiring: Date(timeIntervalSince1970: row["nextFiring"]))
    }
}
