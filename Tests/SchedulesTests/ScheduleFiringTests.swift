import Foundation
import Schedules
import Testing

@Suite struct ScheduleFiringTests {
    @Test func rateFiresOneIntervalAfterTheMinuteItStartedThenEveryInterval() throws {
        let rate = try ScheduleExpression("rate(5 minutes)")
        let anchor = try seconds("2026-11-30T10:02:41Z")
        #expect(rate.firstFiring(after: anchor, anchor: anchor) == (try seconds("2026-11-30T10:07:00Z")))
        #expect(rate.firstFiring(after: try seconds("2026-11-30T10:07:00Z"), anchor: anchor) == (try seconds("2026-11-30T10:12:00Z")))
        #expect(rate.firstFiring(after: try seconds("2026-11-30T11:00:30Z"), anchor: anchor) == (try seconds("2026-11-30T11:02:00Z")))
    }

    @Test(arguments: [
        // AWS's own examples, from "Using cron and rate expressions to schedule rules".
        ("cron(0 10 * * ? *)", "2026-11-30T10:00:00Z", "2026-12-01T10:00:00Z"),
        ("cron(15 12 * * ? *)", "2026-11-30T09:00:00Z", "2026-11-30T12:15:00Z"),
        ("cron(0 18 ? * MON-FRI *)", "2026-11-27T18:00:00Z", "2026-11-30T18:00:00Z"),
        ("cron(0 8 1 * ? *)", "2026-11-30T00:00:00Z", "2026-12-01T08:00:00Z"),
        ("cron(0/15 * * * ? *)", "2026-11-30T10:14:59Z", "2026-11-30T10:15:00Z"),
        ("cron(0/10 * ? * MON-FRI *)", "2026-11-28T12:00:00Z", "2026-11-30T00:00:00Z"),
        ("cron(0/5 8-17 ? * MON-FRI *)", "2026-11-30T17:55:00Z", "2026-12-01T08:00:00Z"),
        ("cron(0 9 ? * 2#1 *)", "2026-11-30T00:00:00Z", "2026-12-07T09:00:00Z"),
        // The special characters.
        ("cron(0 12 L * ? *)", "2028-02-01T00:00:00Z", "2028-02-29T12:00:00Z"),
        ("cron(0 12 L * ? *)", "2027-02-28T12:00:00Z", "2027-03-31T12:00:00Z"),
        ("cron(0 12 15W * ? *)", "2026-11-01T00:00:00Z", "2026-11-16T12:00:00Z"),
        ("cron(0 12 1W * ? *)", "2026-08-01T00:00:00Z", "2026-08-03T12:00:00Z"),
        ("cron(0 12 31W * ? *)", "2026-05-01T00:00:00Z", "2026-05-29T12:00:00Z"),
        ("cron(0 12 ? * 6L *)", "2026-11-01T00:00:00Z", "2026-11-27T12:00:00Z"),
        ("cron(0 0 29 2 ? *)", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("cron(0 0 1 JAN-MAR ? 2030-2040)", "2026-11-30T00:00:00Z", "2030-01-01T00:00:00Z"),
        ("cron(30 1 * * ? 2026)", "2026-12-31T01:30:00Z", nil),
    ] as [(String, String, String?)])
    func cronFiresAtTheNextMinuteItsFieldsAllow(_ expression: String, _ after: String, _ expected: String?) throws {
        let schedule = try ScheduleExpression(expression)
        let instant = try seconds(after)
        #expect(schedule.firstFiring(after: instant, anchor: instant) == (try expected.map(seconds)), "\(expression)")
    }

    @Test func missedFiringsComeDownToTheLastOne() throws {
        let anchor = try seconds("2026-11-30T10:00:00Z")
        let first = try seconds("2026-11-30T10:01:00Z")
        let now = try seconds("2026-11-30T12:30:30Z")
        #expect(try ScheduleExpression("rate(1 minute)").lastFiring(from: first, atOrBefore: now, anchor: anchor)
            == (try seconds("2026-11-30T12:30:00Z")))
        #expect(try ScheduleExpression("cron(0/20 * * * ? *)").lastFiring(from: try seconds("2026-11-30T10:20:00Z"), atOrBefore: now, anchor: anchor)
            == (try seconds("2026-11-30T12:20:00Z")))
        #expect(try ScheduleExpression("rate(1 hour)").lastFiring(from: try seconds("2026-11-30T13:00:00Z"), atOrBefore: now, anchor: anchor) == nil)
    }

    private func seconds(_ text: String) throws -> Int {
        Int(try #require(ISO8601DateFormatter().date(from: text)).timeIntervalSince1970)
    }
}
