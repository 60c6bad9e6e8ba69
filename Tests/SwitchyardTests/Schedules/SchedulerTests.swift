import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

/// Scheduled rules firing on a test clock: it starts at 2023-11-14T22:13:20Z, so a
/// schedule started then counts from 22:13:00. The store lives in a folder of its
/// own, so that a test can open it again as a restarted server would.
final class SchedulerTests: Sendable {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let clock = TestClock()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString)")
    let backend: Backend
    let queue: Queue

    init() async throws {
        backend = Backend(store: try SQLiteStore(directory: directory), logger: Logger(label: "test"), clock: clock)
        queue = try await backend.queues.createQueue(named: "q", attributes: [:], caller: caller)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func scheduledRule(_ name: String, _ expression: String, pattern: String? = nil, state: Rule.State = .enabled) async throws {
        _ = try await backend.controlPlane.putRule(
            name, onBus: nil, .init(eventPattern: pattern, scheduleExpression: expression, state: state), tags: [], caller: caller)
        let target = Target(definition: try JSONParser.parse(#"{"Id":"t","Arn":"\#(queue.arn)"}"#))
        #expect(try await backend.controlPlane.putTargets([target], rule: name, onBus: nil, caller: caller).isEmpty)
    }

    /// The events the queue holds, as (rule name, time).
    func firings(from backend: Backend? = nil) async throws -> [String] {
        let messages = try await (backend ?? self.backend).queues.receive(
            fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
        return try messages.map { message in
            let event = try JSONParser.parse(message.body)
            let rule = event["resources"]?.arrayValue?.first?.stringValue?.split(separator: "/").last ?? ""
            return "\(rule) \(event["time"]?.stringValue ?? "")"
        }.sorted()
    }

    func advance(to time: String) throws {
        let target = try #require(ISO8601DateFormatter().date(from: time))
        clock.advance(by: target.timeIntervalSince(clock.now))
    }

    @Test func aFiringSendsAWSsScheduledEventToTheRuleTargets() async throws {
        try await scheduledRule("every", "rate(1 minute)")
        try advance(to: "2023-11-14T22:14:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        let message = try #require(try await backend.queues.receive(fromQueue: queue.arn, maximum: 1, visibilityTimeout: nil, waitTime: 0).first)
        let id = try JSONParser.parse(message.body)["id"]?.stringValue ?? ""
        #expect(message.body == #"{"version":"0","id":"\#(id)","detail-type":"Scheduled Event","source":"aws.events","account":"111111111111","time":"2023-11-14T22:14:00Z","region":"eu-west-1","resources":["arn:aws:events:eu-west-1:111111111111:rule/every"],"detail":{}}"#)
    }

    @Test func aRateFiresOneIntervalAfterItsStartThenEveryInterval() async throws {
        try await scheduledRule("five", "rate(5 minutes)")
        try advance(to: "2023-11-14T22:17:59Z")
        #expect(try await backend.scheduler.fireDue() == 0)
        try advance(to: "2023-11-14T22:18:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        #expect(try await backend.scheduler.fireDue() == 0, "a period fires once")
        try advance(to: "2023-11-14T22:23:10Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        #expect(try await firings() == ["five 2023-11-14T22:18:00Z", "five 2023-11-14T22:23:00Z"])
    }

    @Test func aCronFiresAtTheMinutesItsFieldsAllow() async throws {
        try await scheduledRule("quarter", "cron(0/15 * * * ? *)")
        try advance(to: "2023-11-14T22:45:30Z")
        #expect(try await backend.scheduler.fireDue() == 1, "the 22:15 and 22:30 firings come down to the last")
        try advance(to: "2023-11-14T23:00:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        #expect(try await firings() == ["quarter 2023-11-14T22:45:00Z", "quarter 2023-11-14T23:00:00Z"])
    }

    @Test func theSchedulerFiresOnItsClockUntilCancelled() async throws {
        try await scheduledRule("every", "rate(1 minute)")
        let running = Task { await backend.scheduler.keepFiring() }
        await clock.waitForSleepers()
        for _ in 0..<3 {
            clock.advance(by: 60)
            await clock.waitForSleepers()
        }
        running.cancel()
        await running.value
        #expect(try await firings() == ["every 2023-11-14T22:14:00Z", "every 2023-11-14T22:15:00Z", "every 2023-11-14T22:16:00Z"])
    }

    @Test func disablingStopsTheScheduleAndEnablingStartsItAfresh() async throws {
        try await scheduledRule("five", "rate(5 minutes)")
        try await backend.controlPlane.setRuleState("five", onBus: nil, to: .disabled, caller: caller)
        try advance(to: "2023-11-14T22:20:30Z")
        #expect(try await backend.scheduler.fireDue() == 0)
        try await backend.controlPlane.setRuleState("five", onBus: nil, to: .enabled, caller: caller)
        try advance(to: "2023-11-14T22:24:59Z")
        #expect(try await backend.scheduler.fireDue() == 0, "the rate counts from 22:20, when the rule was enabled")
        try advance(to: "2023-11-14T22:25:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
    }

    @Test func aRulePutDisabledNeverFires() async throws {
        try await scheduledRule("off", "rate(1 minute)", state: .disabled)
        try advance(to: "2023-11-14T23:00:00Z")
        #expect(try await backend.scheduler.fireDue() == 0)
    }

    @Test func changingTheExpressionRestartsTheSchedule() async throws {
        try await scheduledRule("r", "rate(1 hour)")
        try advance(to: "2023-11-14T22:30:10Z")
        try await scheduledRule("r", "rate(2 minutes)")
        try advance(to: "2023-11-14T22:32:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        try advance(to: "2023-11-14T23:13:00Z")
        _ = try await backend.scheduler.fireDue()
        #expect(try await firings() == ["r 2023-11-14T22:32:00Z", "r 2023-11-14T23:12:00Z"])
    }

    @Test func otherChangesToTheRuleLeaveTheScheduleRunning() async throws {
        try await scheduledRule("r", "rate(5 minutes)")
        try advance(to: "2023-11-14T22:16:00Z")
        _ = try await backend.controlPlane.putRule(
            "r", onBus: nil, .init(scheduleExpression: "rate(5 minutes)", description: "now described"), tags: [], caller: caller)
        try advance(to: "2023-11-14T22:18:00Z")
        #expect(try await backend.scheduler.fireDue() == 1, "still counting from 22:13")
    }

    @Test func deletingTheRuleStopsItsSchedule() async throws {
        try await scheduledRule("gone", "rate(1 minute)")
        try await backend.controlPlane.removeTargets(["t"], rule: "gone", onBus: nil, force: false, caller: caller)
        try await backend.controlPlane.deleteRule("gone", onBus: nil, force: false, caller: caller)
        try advance(to: "2023-11-14T22:20:00Z")
        #expect(try await backend.scheduler.fireDue() == 0)
        #expect(try await backend.controlPlane.store.read { try await $0.schedules.earliestFiring() } == nil)
    }

    @Test func aRestartNeitherLosesNorDoublesAFiring() async throws {
        try await scheduledRule("every", "rate(1 minute)")
        try advance(to: "2023-11-14T22:14:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        let restarted = Backend(store: try SQLiteStore(directory: directory), logger: Logger(label: "test"), clock: clock)
        try await restarted.load()
        #expect(try await restarted.scheduler.fireDue() == 0, "22:14 was fired before the restart")
        try advance(to: "2023-11-14T22:15:20Z")
        #expect(try await restarted.scheduler.fireDue() == 1)
        #expect(try await firings(from: restarted) == ["every 2023-11-14T22:14:00Z", "every 2023-11-14T22:15:00Z"])
    }

    @Test func firingsMissedWhileNoNodeRanComeDownToTheLatestOne() async throws {
        try await scheduledRule("every", "rate(1 minute)")
        try advance(to: "2023-11-14T23:00:30Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        try advance(to: "2023-11-14T23:01:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        #expect(try await firings() == ["every 2023-11-14T23:00:00Z", "every 2023-11-14T23:01:00Z"])
    }

    @Test func aScheduledEventReachesItsOwnRuleAlone() async throws {
        let other = try await backend.queues.createQueue(named: "other", attributes: [:], caller: caller)
        _ = try await backend.controlPlane.putRule(
            "watcher", onBus: nil, .init(eventPattern: #"{"source":["aws.events"]}"#), tags: [], caller: caller)
        let target = Target(definition: try JSONParser.parse(#"{"Id":"t","Arn":"\#(other.arn)"}"#))
        _ = try await backend.controlPlane.putTargets([target], rule: "watcher", onBus: nil, caller: caller)
        try await scheduledRule("every", "rate(1 minute)")
        try advance(to: "2023-11-14T22:14:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        #expect(try await firings().count == 1)
        #expect(try await backend.queues.receive(fromQueue: other.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0).isEmpty)
    }

    @Test func aRuleWithAPatternAndAScheduleAlsoMatchesEvents() async throws {
        try await scheduledRule("both", "rate(1 minute)", pattern: #"{"source":["app"]}"#)
        _ = try await backend.dataPlane.putEvents([PutEventsEntry(source: "app", detailType: "thing", detail: "{}")], caller: caller)
        try advance(to: "2023-11-14T22:14:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        let messages = try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
        let sources = try messages.map { try JSONParser.parse($0.body)["source"]?.stringValue ?? "" }
        #expect(sources.sorted() == ["app", "aws.events"])
    }

    @Test func firingNowSendsThisMinutesEventAndLeavesTheScheduleAlone() async throws {
        try await scheduledRule("every", "rate(5 minutes)")
        try advance(to: "2023-11-14T22:14:30Z")
        let id = try await backend.scheduler.fire(ruleNamed: "every", caller: caller)
        try advance(to: "2023-11-14T22:18:00Z")
        #expect(try await backend.scheduler.fireDue() == 1)
        let messages = try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
        #expect(messages.contains { $0.body.contains(#""id":"\#(id)""#) })
        #expect(messages.map { try! JSONParser.parse($0.body)["time"]?.stringValue ?? "" }.sorted()
            == ["2023-11-14T22:14:00Z", "2023-11-14T22:18:00Z"])
    }

    @Test func firingNowNeedsAnEnabledScheduledRule() async throws {
        let missing = await #expect(throws: ServiceError.self) { try await backend.scheduler.fire(ruleNamed: "nope", caller: caller) }
        #expect(missing?.code == "ResourceNotFoundException")
        #expect(missing?.message == "Rule nope does not exist on EventBus default.")
        _ = try await backend.controlPlane.putRule("plain", onBus: nil, .init(eventPattern: #"{"source":["app"]}"#), tags: [], caller: caller)
        let unscheduled = await #expect(throws: ServiceError.self) { try await backend.scheduler.fire(ruleNamed: "plain", caller: caller) }
        #expect(unscheduled?.code == "ValidationException")
        try await scheduledRule("off", "rate(1 minute)", state: .disabled)
        let disabled = await #expect(throws: ServiceError.self) { try await backend.scheduler.fire(ruleNamed: "off", caller: caller) }
        #expect(disabled?.message == "Rule off is DISABLED: a disabled rule does not fire.")
    }
}
