import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

/// PutEvents through matching, durable deliveries and the delivery worker, to queues.
struct EventFlowTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let clock = TestClock()
    let store: SQLiteStore
    let backend: Backend

    init() throws {
        let clock = clock
        store = try SQLiteStore.temporary()
        backend = Backend(store: store, logger: Logger(label: "test"), clock: clock)
    }

    func queue(_ name: String) async throws -> Queue {
        try await backend.queues.createQueue(named: name, attributes: [:], caller: caller)
    }

    func rule(_ name: String, onBus bus: String? = nil, pattern: String, targets: [String], state: Rule.State = .enabled) async throws {
        _ = try await backend.controlPlane.putRule(name, onBus: bus, .init(eventPattern: pattern, state: state), tags: [], caller: caller)
        let failed = try await backend.controlPlane.putTargets(
            targets.map { Target(definition: try! JSONParser.parse($0)) }, rule: name, onBus: bus, caller: caller)
        #expect(failed.isEmpty)
    }

    func put(_ detail: String = #"{"n":1}"#, detailType: String = "thing", source: String = "app") async throws -> [PutEventsResult] {
        try await backend.dataPlane.putEvents([PutEventsEntry(source: source, detailType: detailType, detail: detail)], caller: caller)
    }

    func bodies(_ queue: Queue) async throws -> [String] {
        try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0).map(\.body)
    }

    @Test func matchedEventReachesTheQueueInAWSEnvelopeOrder() async throws {
        let queue = try await queue("q")
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [#"{"Id":"t","Arn":"\#(queue.arn)"}"#])
        let entry = PutEventsEntry(
            time: Date(timeIntervalSince1970: 1_718_094_784), source: "app", resources: ["arn:x"], detailType: "thing",
            detail: #"{ "b": 2, "a": [1, 2.50] }"#)
        let results = try await backend.dataPlane.putEvents([entry], caller: caller)
        guard case .accepted(let id) = results.first else { throw Failure("not accepted: \(results)") }

        #expect(try await backend.deliveryWorker.deliverDue() == 0, "a queue of this server receives it in the accepting commit")
        #expect(try await bodies(queue) == [
            #"{"version":"0","id":"\#(id)","detail-type":"thing","source":"app","account":"111111111111","time":"2024-06-11T08:33:04Z","region":"eu-west-1","resources":["arn:x"],"detail":{"b":2,"a":[1,2.50]}}"#,
        ])
    }

    @Test func traceHeaderReachesTheQueueAsAWSTraceHeader() async throws {
        let queue = try await queue("q")
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [#"{"Id":"t","Arn":"\#(queue.arn)"}"#])
        let header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        _ = try await backend.dataPlane.putEvents(
            [PutEventsEntry(source: "app", detailType: "thing", detail: "{}", traceHeader: header)], caller: caller)
        let messages = try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
        #expect(messages.first?.systemAttributes["AWSTraceHeader"] == header)
    }

    @Test func eachTargetGetsItsOwnInput() async throws {
        let whole = try await queue("whole")
        let part = try await queue("part")
        let shaped = try await queue("shaped")
        try await rule("r", pattern: #"{"detail":{"n":[1]}}"#, targets: [
            #"{"Id":"a","Arn":"\#(whole.arn)","Input":"{\"fixed\":true}"}"#,
            #"{"Id":"b","Arn":"\#(part.arn)","InputPath":"$.detail"}"#,
            #"{"Id":"c","Arn":"\#(shaped.arn)","InputTransformer":{"InputPathsMap":{"n":"$.detail.n"},"InputTemplate":"n is <n> for <aws.events.rule-name>"}}"#,
        ])
        _ = try await put()
        try await backend.deliveryWorker.deliverDue()
        #expect(try await bodies(whole) == [#"{"fixed":true}"#])
        #expect(try await bodies(part) == [#"{"n":1}"#])
        #expect(try await bodies(shaped) == ["n is 1 for r"])
    }

    @Test func busTargetForwardsTheEventOnceAndNoFurther() async throws {
        let second = try await queue("second")
        let third = try await queue("third")
        for bus in ["orders", "archive"] {
            _ = try await backend.controlPlane.createEventBus(name: bus, eventSourceName: nil, settings: .init(), tags: [], caller: caller)
        }
        let pattern = #"{"source":["app"]}"#
        try await rule("forward", pattern: pattern, targets: [#"{"Id":"bus","Arn":"\#(ResourceName.eventBus("orders", caller))"}"#])
        try await rule("keep", onBus: "orders", pattern: pattern, targets: [
            #"{"Id":"q","Arn":"\#(second.arn)"}"#, #"{"Id":"bus","Arn":"\#(ResourceName.eventBus("archive", caller))"}"#,
        ])
        try await rule("keep", onBus: "archive", pattern: pattern, targets: [#"{"Id":"q","Arn":"\#(third.arn)"}"#])
        guard case .accepted(let id) = try await put().first else { throw Failure("not accepted") }

        while try await backend.deliveryWorker.deliverDue() > 0 {}
        let forwarded = try await bodies(second)
        #expect(forwarded.count == 1)
        let event = try JSONParser.parse(forwarded[0])
        #expect(event["source"]?.stringValue == "app")
        #expect(event["id"]?.stringValue != id, "arrives on the second bus as a new event")
        #expect(try await bodies(third).isEmpty, "a forwarded event goes to no third bus")
    }

    @Test func logGroupTargetWritesEachEventToAStreamNamedByItsId() async throws {
        try await backend.logs.createLogGroup(named: "/aws/events/app", caller: caller)
        let groupArn = LogGroup.arn("/aws/events/app", caller)
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [#"{"Id":"logs","Arn":"\#(groupArn):*"}"#])
        guard case .accepted(let id) = try await put().first else { throw Failure("not accepted") }
        try await backend.deliveryWorker.deliverDue()

        #expect(try await backend.logs.logStreams(inGroup: groupArn).map(\.name) == [id])
        let events = try await backend.logs.logEvents(inGroup: groupArn, matching: LogEventQuery(limit: 10))
        #expect(events.count == 1)
        #expect(try JSONParser.parse(events[0].message)["id"]?.stringValue == id)
        #expect(events[0].timestamp == Int64(clock.now.timeIntervalSince1970 * 1000))
    }

    /// The store once found a delivery's target by the first `Id` of its definition,
    /// the rest of the code by the last: every event was acknowledged, then dropped.
    @Test func targetWithItsIdRepeatedIsStillDelivered() async throws {
        try await backend.logs.createLogGroup(named: "g", caller: caller)
        let groupArn = LogGroup.arn("g", caller)
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [#"{"Id":"first","Arn":"\#(groupArn)","Id":"last"}"#])
        guard case .accepted = try await put().first else { throw Failure("not accepted") }
        try await backend.deliveryWorker.deliverDue()
        #expect(try await backend.logs.logEvents(inGroup: groupArn, matching: LogEventQuery(limit: 10)).count == 1)
        #expect(backend.deliveryWorker.droppedEvents == 0)
    }

    @Test func fifoQueueTargetGetsTheTargetsMessageGroupAndTheEventIdForDeduplication() async throws {
        let queue = try await backend.queues.createQueue(named: "q.fifo", attributes: ["FifoQueue": "true"], caller: caller)
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [
            #"{"Id":"t","Arn":"\#(queue.arn)","SqsParameters":{"MessageGroupId":"orders"}}"#,
        ])
        guard case .accepted(let id) = try await put().first else { throw Failure("not accepted") }
        let messages = try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
        #expect(messages.count == 1)
        #expect(messages.first?.systemAttributes["MessageGroupId"] == "orders")
        #expect(messages.first?.systemAttributes["MessageDeduplicationId"] == id)
    }

    @Test func disabledRuleReceivesNothing() async throws {
        let queue = try await queue("q")
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [#"{"Id":"t","Arn":"\#(queue.arn)"}"#], state: .disabled)
        _ = try await put()
        #expect(try await backend.deliveryWorker.deliverDue() == 0)
        #expect(try await bodies(queue).isEmpty)
    }

    @Test func readOnlyCloudTrailEventsReachOnlyRulesThatAskForThem() async throws {
        let plain = try await queue("plain")
        let all = try await queue("all")
        let pattern = #"{"detail-type":["AWS API Call via CloudTrail"]}"#
        try await rule("plain", pattern: pattern, targets: [#"{"Id":"t","Arn":"\#(plain.arn)"}"#])
        try await rule("all", pattern: pattern, targets: [#"{"Id":"t","Arn":"\#(all.arn)"}"#], state: .enabledWithAllCloudTrailManagementEvents)
        _ = try await put(#"{"readOnly":true}"#, detailType: "AWS API Call via CloudTrail", source: "app")
        _ = try await put(#"{"readOnly":false}"#, detailType: "AWS API Call via CloudTrail", source: "app")
        try await backend.deliveryWorker.deliverDue()
        #expect(try await bodies(plain).count == 1)
        #expect(try await bodies(all).count == 2)
    }

    @Test func failingTargetIsRetriedThenDeadLetteredWithAWSAttributes() async throws {
        let dlq = try await queue("dlq")
        let target = "arn:aws:lambda:eu-west-1:111111111111:function:f"
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [
            #"{"Id":"t","Arn":"\#(target)","RetryPolicy":{"MaximumRetryAttempts":2},"DeadLetterConfig":{"Arn":"\#(dlq.arn)"}}"#,
        ])
        _ = try await put()
        // The first attempt and two retries, each once its backoff has passed.
        for attempt in 1...3 {
            #expect(try await backend.deliveryWorker.deliverDue() == 1)
            let waiting = try await backend.queues.attributes(ofQueue: dlq.arn, names: ["ApproximateNumberOfMessages"])
            #expect(waiting["ApproximateNumberOfMessages"] == (attempt == 3 ? "1" : "0"))
            clock.advance(by: 10)
        }
        #expect(try await backend.deliveryWorker.deliverDue() == 0)
        let letters = try await backend.queues.receive(fromQueue: dlq.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
        try #require(letters.count == 1)
        let attributes = try #require(letters[0].messageAttributes)
        #expect(attributes["RULE_ARN"]?["StringValue"]?.stringValue == "arn:aws:events:eu-west-1:111111111111:rule/r")
        #expect(attributes["TARGET_ARN"]?["StringValue"]?.stringValue == target)
        #expect(attributes["ERROR_CODE"]?["StringValue"]?.stringValue == "NO_HANDLER")
        #expect(attributes["EXHAUSTED_RETRY_CONDITION"]?["StringValue"]?.stringValue == "MaximumRetryAttempts")
        #expect(attributes["RETRY_ATTEMPTS"]?["StringValue"]?.stringValue == "2")
        #expect(try JSONParser.parse(letters[0].body)["source"]?.stringValue == "app")
    }

    @Test func deliveryToAMissingQueueIsNotRetried() async throws {
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [#"{"Id":"t","Arn":"arn:aws:sqs:eu-west-1:111111111111:gone"}"#])
        _ = try await put()
        #expect(try await backend.deliveryWorker.deliverDue() == 1)
        clock.advance(by: 3_600)
        #expect(try await backend.deliveryWorker.deliverDue() == 0)
        #expect(backend.deliveryWorker.droppedEvents == 1)
    }

    @Test func templateThatYieldsInvalidJSONDeliversNothing() async throws {
        let queue = try await queue("q")
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [
            #"{"Id":"t","Arn":"\#(queue.arn)","InputTransformer":{"InputPathsMap":{"d":"$.detail"},"InputTemplate":"{\"d\": \"<d>\"}"}}"#,
        ])
        _ = try await put()
        try await backend.deliveryWorker.deliverDue()
        #expect(try await bodies(queue).isEmpty)
        #expect(backend.deliveryWorker.droppedEvents == 1)
    }

    @Test func deliveryCutOffByACrashIsMadeAgainAfterRestart() async throws {
        try await backend.logs.createLogGroup(named: "g", caller: caller)
        let groupArn = LogGroup.arn("g", caller)
        try await rule("r", pattern: #"{"source":["app"]}"#, targets: [#"{"Id":"t","Arn":"\#(groupArn)"}"#])
        _ = try await put()
        let moment = clock.now
        // The worker claimed the delivery and died before settling it.
        let claimed = try await store.write { try await $0.eventLog.claimDeliveries(dueBy: moment, leaseUntil: moment.addingTimeInterval(300), limit: 10) }
        #expect(claimed.count == 1)

        let clock = clock
        let restarted = Backend(store: store, logger: Logger(label: "test"), clock: clock)
        try await restarted.deliveryWorker.resumeAfterRestart()
        #expect(try await restarted.deliveryWorker.deliverDue() == 1)
        #expect(try await backend.logs.logEvents(inGroup: groupArn, matching: LogEventQuery(limit: 10)).count == 1)
    }

    @Test func entryErrorsComeBackInRequestOrder() async throws {
        let results = try await backend.dataPlane.putEvents([
            PutEventsEntry(detailType: "t", detail: "{}"),
            PutEventsEntry(source: "s", detail: "{}"),
            PutEventsEntry(source: "s", detailType: "t"),
            PutEventsEntry(source: "s", detailType: "t", detail: "[1]"),
            PutEventsEntry(source: "aws.s3", detailType: "t", detail: "{}"),
            PutEventsEntry(source: "s", detailType: "t", detail: "{}", eventBusName: "no-such-bus"),
        ], caller: caller)
        #expect(results[0] == .failed(errorCode: "InvalidArgument", errorMessage: "Parameter Source is not valid. Reason: Source is a required argument."))
        #expect(results[1] == .failed(errorCode: "InvalidArgument", errorMessage: "Parameter DetailType is not valid. Reason: DetailType is a required argument."))
        #expect(results[2] == .failed(errorCode: "InvalidArgument", errorMessage: "Parameter Detail is not valid. Reason: Detail is a required argument."))
        #expect(results[3] == .failed(errorCode: "MalformedDetail", errorMessage: "Detail is malformed."))
        #expect(results[4] == .failed(errorCode: "NotAuthorizedForSourceException", errorMessage: "Not authorized for the source."))
        guard case .accepted = results[5] else { throw Failure("an event for a missing bus is accepted and dropped, as on AWS") }
    }

    @Test func requestOverTheSizeLimitIsRefusedWhole() async throws {
        let detail = #"{"p":""# + String(repeating: "x", count: 262_136) + #""}"#
        await #expect(throws: ServiceError.validation("Total size of the entries in the request is over the limit.")) {
            try await put(detail)
        }
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
