import EventPatterns
import Foundation
import Switchyard
import Synchronization
import Testing

struct TargetInvokersTests {
    /// Takes every invocation, noting the target ids it saw.
    final class Recorder: TargetInvoker {
        let seen = Mutex<[String]>([])

        func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
            seen.withLock { $0 += invocations.map(\.target.id) }
            return invocations.map { _ in nil }
        }
    }

    func invocation(_ id: String, _ arn: String) throws -> TargetInvocation {
        TargetInvocation(
            target: Target(definition: try JSONParser.parse(#"{"Id":"\#(id)","Arn":"\#(arn)"}"#)), input: "{}",
            ruleArn: "arn:aws:events:us-east-1:111111111111:rule/r",
            event: Event(id: "e", eventBusArn: "bus", text: "{}", ingestionTime: Date()))
    }

    @Test func eachInvocationGoesToTheInvokerOfWhatItsArnNames() async throws {
        let (queues, buses) = (Recorder(), Recorder())
        let invokers = TargetInvokers([.queue: queues, .eventBus: buses])
        let results = await invokers.invoke([
            try invocation("q1", "arn:aws:sqs:us-east-1:111111111111:a"),
            try invocation("fn", "arn:aws:lambda:us-east-1:111111111111:function:f"),
            try invocation("bus", "arn:aws:events:us-east-1:111111111111:event-bus/b"),
            try invocation("q2", "arn:aws:sqs:us-east-1:111111111111:b.fifo"),
        ])
        #expect(queues.seen.withLock { $0 } == ["q1", "q2"])
        #expect(buses.seen.withLock { $0 } == ["bus"])
        #expect(results.map { $0?.code } == [nil, "NO_HANDLER", nil, nil])
        #expect(results[1]?.isRetryable == true)
    }

    @Test func aLogGroupOfAnotherAccountIsReachedThroughItsServiceAndQueuesAndBusesDecideForThemselves() async throws {
        let (logGroups, queues, buses, services) = (Recorder(), Recorder(), Recorder(), Recorder())
        let invokers = TargetInvokers([.logGroup: logGroups, .queue: queues, .eventBus: buses, .awsService: services])
        _ = await invokers.invoke([
            try invocation("mine", "arn:aws:logs:us-east-1:111111111111:log-group:a"),
            try invocation("theirs", "arn:aws:logs:us-east-1:222222222222:log-group:a"),
            try invocation("their-queue", "arn:aws:sqs:us-east-1:222222222222:a"),
            try invocation("their-bus", "arn:aws:events:us-east-1:222222222222:event-bus/b"),
        ])
        #expect(logGroups.seen.withLock { $0 } == ["mine"])
        #expect(services.seen.withLock { $0 } == ["theirs"])
        #expect(queues.seen.withLock { $0 } == ["their-queue"])
        #expect(buses.seen.withLock { $0 } == ["their-bus"])
    }

    @Test(arguments: [
        ("arn:aws:sqs:us-east-1:111111111111:q", TargetDestination.Kind.queue),
        ("arn:aws:logs:us-east-1:111111111111:log-group:/aws/events/x:*", .logGroup),
        ("arn:aws:events:us-east-1:111111111111:event-bus/orders", .eventBus),
        ("arn:aws:events:us-east-1:111111111111:api-destination/hook/0a1b", .apiDestination),
        ("arn:aws:execute-api:us-east-1:111111111111:a1b2c3/prod/POST/orders", .apiGateway),
        ("arn:aws:states:us-east-1:111111111111:stateMachine:flow", .awsService),
    ])
    func aDestinationIsReadFromItsArn(_ arn: String, _ kind: TargetDestination.Kind) throws {
        let destination = try #require(TargetDestination(arn: arn))
        #expect(destination.kind == kind)
        #expect(destination.isTargetable)
        #expect(destination.region == "us-east-1" && destination.account == "111111111111")
    }

    @Test(arguments: [
        "not-an-arn", "arn:aws:sqs", "arn:aws:glue:us-east-1:111111111111:job/etl",
        "arn:aws:lambda:us-east-1:111111111111:layer:shared:1", "arn:aws:s3:::bucket",
    ])
    func whatEventBridgeCannotTargetIsRefused(_ arn: String) {
        #expect(TargetDestination(arn: arn)?.isTargetable != true)
    }
}
