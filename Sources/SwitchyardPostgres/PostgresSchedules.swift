import Foundation
import PostgresNIO
import Switchyard

/// Running schedules in PostgreSQL. Due schedules are taken with `FOR UPDATE SKIP
/// LOCKED`: a rule changed while its schedule fires waits for the firing's commit,
/// and a firing never waits for a rule change.
struct PostgresSchedules: ScheduleWriter {
    let session: PostgresSession

    func schedule(ofRule ruleArn: String) async throws -> Schedule? {
        try await session.row("SELECT * FROM schedule WHERE rule_arn = \(ruleArn)").map(Self.schedule)
    }

    func earliestFiring() async throws -> Date? {
        try await session.row("SELECT min(next_firing) AS earliest FROM schedule")
            .flatMap { try $0.value("earliest", as: Double?.self) }
            .map(Date.init(timeIntervalSince1970:))
    }

    func save(_ schedule: Schedule) async throws {
        try await session.execute("""
            INSERT INTO schedule (rule_arn, expression, anchor, next_firing)
            VALUES (\(schedule.ruleArn), \(schedule.expression), \(schedule.anchor.timeIntervalSince1970),
                    \(schedule.nextFiring.timeIntervalSince1970))
            ON CONFLICT (rule_arn) DO UPDATE
              SET expression = excluded.expression, anchor = excluded.anchor, next_firing = excluded.next_firing
            """)
    }

    func deleteSchedule(ofRule ruleArn: String) async throws {
        try await session.execute("DELETE FROM schedule WHERE rule_arn = \(ruleArn)")
    }

    func dueSchedules(by now: Date, limit: Int) async throws -> [Schedule] {
        try await session.rows("""
            SELECT * FROM schedule WHERE next_firing <= \(now.timeIntervalSince1970)
            ORDER BY next_firing, rule_arn LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """).map(Self.schedule)
    }

    private static func schedule(_ row: PostgresRandomAccessRow) throws -> Schedule {
        Schedule(
            ruleArn: try row.value("rule_arn"), expression: try row.value("expression"), anchor: try row.date("anchor"),
            nextFiring: try row.date("next_firing"))
    }
}
