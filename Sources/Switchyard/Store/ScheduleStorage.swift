public import Foundation

/// The running schedules of enabled scheduled rules.
public protocol ScheduleReader: Sendable {
    func schedule(ofRule ruleArn: String) async throws -> Schedule?
    /// The soonest next firing of any schedule; nil when none runs.
    func earliestFiring() async throws -> Date?
}

public protocol ScheduleWriter: ScheduleReader {
    /// Starts the schedule, or replaces the rule's schedule.
    func save(_ schedule: Schedule) async throws
    func deleteSchedule(ofRule ruleArn: String) async throws
    /// At most `limit` schedules whose next firing is due by `now`, soonest first.
    /// A store several nodes share leaves out, and holds until the transaction
    /// ends, schedules another transaction holds.
    func dueSchedules(by now: Date, limit: Int) async throws -> [Schedule]
}
