import Schedules
import Testing
import TestSupport

@Suite struct ScheduleExpressionTests {
    static let recordedCases = SharedFolder.jsonLines("conformance/other.jsonl")
        .filter { $0[string: "kind"] == "schedule-expression" }

    @Test(arguments: recordedCases)
    func recordedExpressionAgreesWithAWS(_ record: SharedFolder.Record) throws {
        let text = try #require(record[object: "request"]?["ScheduleExpression"] as? String)
        let accepted = (try? ScheduleExpression(text)) != nil
        #expect(accepted == (record[string: "expect"] == "valid"), "\(text)")
        if !accepted {
            #expect(record[string: "error"] == ScheduleExpression.Invalid().description)
        }
    }

    @Test func rateKeepsItsInterval() throws {
        #expect(try ScheduleExpression("rate(1 minute)") == .rate(try rate("1 minute")))
        guard case .rate(let rate) = try ScheduleExpression("rate(3 hours)") else {
            Issue.record("not a rate"); return
        }
        #expect(rate.intervalInSeconds == 10_800)
    }

    @Test(arguments: ["rate(0 minutes)", "rate(01 minutes)", "rate(1 day )", "rate(2 Days)", "Rate(1 day)", "rate(99999999999999999999 days)"])
    func rateRefusesMalformedBodies(_ text: String) {
        #expect(throws: ScheduleExpression.Invalid.self) { try ScheduleExpression(text) }
    }

    @Test(arguments: [
        "cron(0 12 L * ? *)", "cron(0 12 15W * ? *)", "cron(0 12 ? * 6L *)", "cron(0 12 ? * 2#3 *)",
        "cron(*/15 * ? * * *)", "cron(0 0 1 JAN-MAR ? 2030-2040)",
    ])
    func cronAcceptsAWSSpecialCharacters(_ text: String) throws {
        _ = try ScheduleExpression(text)
    }

    @Test(arguments: [
        "cron(60 * * * ? *)", "cron(0 24 * * ? *)", "cron(0 0 ? * ? *)", "cron(0 0 1 13 ? *)",
        "cron(0 0 1 * ? 1969)", "cron(0 0 ? * 8 *)", "cron(0 0 * * ?)", "cron(0 0 ? * 2#6 *)",
        "cron(5-1 0 * * ? *)", "cron(0/0 0 * * ? *)", "cron(? 0 * * ? *)",
    ])
    func cronRefusesOutOfRangeAndMalformedFields(_ text: String) {
        #expect(throws: ScheduleExpression.Invalid.self) { try ScheduleExpression(text) }
    }

    private func rate(_ body: String) throws -> Rate {
        guard case .rate(let rate) = try ScheduleExpression("rate(\(body))") else { throw ScheduleExpression.Invalid() }
        return rate
    }
}
