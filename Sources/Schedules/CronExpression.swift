/// AWS's six-field cron: minutes, hours, day-of-month, month, day-of-week, year.
/// Exactly one of day-of-month and day-of-week is `?` (AWS refuses `cron(0 1 * * * *)`).
public struct CronExpression: Sendable, Hashable {
    public var minutes: CronField
    public var hours: CronField
    public var daysOfMonth: CronField
    public var months: CronField
    public var daysOfWeek: CronField
    public var years: CronField

    init(_ body: Substring) throws(ScheduleExpression.Invalid) {
        let fields = body.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 6 else { throw ScheduleExpression.Invalid() }
        minutes = try CronField(fields[0], .minutes)
        hours = try CronField(fields[1], .hours)
        daysOfMonth = try CronField(fields[2], .daysOfMonth)
        months = try CronField(fields[3], .months)
        daysOfWeek = try CronField(fields[4], .daysOfWeek)
        years = try CronField(fields[5], .years)
        guard daysOfMonth.isUnspecified != daysOfWeek.isUnspecified else { throw ScheduleExpression.Invalid() }
    }
}
