import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Synchronization
import Testing

/// Two accounts on one server: what crosses between them, and only while the
/// receiving side's policy allows it.
struct CrossAccountTests {
    let sender = Caller(account: "111111111111", region: "eu-west-1")
    let receiver = Caller(account: "222222222222", region: "eu-west-1")
    let store: SQLiteStore
    let backend: Backend
    let elsewhere = Elsewhere()

    /// Stands in for AWS: takes what is not on this server.
    final class Elsewhere: TargetInvoker {
        let arns = Mutex<[String]>([])

        func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
            arns.withLock { $0 += invocations.map(\.target.arn) }
            return invocations.map { _ in nil }
        }
    }

    struct Organizations: Switchyard.Organizations {
        func organization(ofAccount account: String) -> String? { account == "111111111111" ? "o-shop" : nil }
    }

    init() throws {
        store = try SQLiteStore.temporary()
        backend = Backend(
            store: store, logger: Logger(label: "test"), invokers: [.awsService: elsewhere], organizations: Organizations())
    }

    let role = "arn:aws:iam::111111111111:role/events"
    var receiversBus: String { ResourceName.eventBus("default", receiver) }

    /// A queue of the receiver's fed by a rule on the receiver's default bus.
    func receiversInbox() async throws -> Queue {
        let inbox = try await backend.queues.createQueue(named: "inbox", attributes: [:], caller: receiver)
        try await rule("collect", pattern: #"{"source":["shop"]}"#, targets: [#"{"Id":"q","Arn":"\#(inbox.arn)"}"#], caller: receiver)
        return inbox
    }

    func rule(_ name: String, pattern: String, targets: [String], caller: Caller) async throws {
        _ = try await backend.controlPlane.putRule(name, onBus: nil, .init(eventPattern: pattern), tags: [], caller: caller)
        let failed = try await backend.controlPlane.putTargets(
            targets.map { Target(definition: try! JSONParser.parse($0)) }, rule: name, onBus: nil, caller: caller)
        #expect(failed.isEmpty)
    }

    func grant(_ principal: String, condition: EventBusPolicy.Condition? = nil) async throws {
        try await backend.controlPlane.putPermission(
            .statement(id: "sender", action: "events:PutEvents", principal: principal, condition: condition), onBus: nil, caller: receiver)
    }

    func revoke() async throws {
        try await backend.controlPlane.removePermission(statementId: "sender", removeAll: false, onBus: nil, caller: receiver)
    }

    func putFromSender(onto bus: String) async throws -> PutEventsResult? {
        try await backend.dataPlane.putEvents(
            [PutEventsEntry(source: "shop", detailType: "order", detail: "{}", eventBusName: bus)], caller: sender
        ).first
    }

    func messages(_ queue: Queue) async throws -> [QueueMessage] {
        try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
    }

    @Test func putEventsOntoAnotherAccountsBusIsRefusedPerEntryUntilItsPolicyAllows() async throws {
        let inbox = try await receiversInbox()
        guard case .failed(let code, let message) = try await putFromSender(onto: receiversBus) else {
            throw Failure("accepted without a grant")
        }
        #expect(code == "AccessDeniedException")
        #expect(message.contains("because no resource-based policy allows the events:PutEvents action"))

        try await grant(sender.account)
        guard case .accepted = try await putFromSender(onto: receiversBus) else { throw Failure("refused with a grant") }
        let delivered = try await messages(inbox)
        #expect(delivered.count == 1)
        let event = try JSONParser.parse(try #require(delivered.first).body)
        #expect(event["account"]?.stringValue == sender.account, "the event says which account sent it")

        try await revoke()
        guard case .failed("AccessDeniedException", _) = try await putFromSender(onto: receiversBus) else {
            throw Failure("accepted after the grant was removed")
        }
    }

    @Test func aBusOfAnotherAccountThatIsNotHereRefusesAsOneThatDoesNotAllow() async throws {
        let missing = ResourceName.eventBus("missing", receiver)
        guard case .failed("AccessDeniedException", _) = try await putFromSender(onto: missing) else {
            throw Failure("another account's missing bus was told apart")
        }
    }

    @Test func anOrganizationGrantAdmitsItsAccounts() async throws {
        let inbox = try await receiversInbox()
        try await grant("*", condition: .init(type: "StringEquals", key: "aws:PrincipalOrgID", value: "o-shop"))
        guard case .accepted = try await putFromSender(onto: receiversBus) else { throw Failure("refused to the organisation") }
        #expect(try await messages(inbox).count == 1)
    }

    @Test func aRuleTargetingAnotherAccountsBusDeliversOnlyWhileItsPolicyAllows() async throws {
        let inbox = try await receiversInbox()
        let deadLetters = try await backend.queues.createQueue(named: "dead-letters", attributes: [:], caller: sender)
        try await rule("forward", pattern: #"{"source":["shop"]}"#, targets: [
            #"{"Id":"bus","Arn":"\#(receiversBus)","RoleArn":"\#(role)","DeadLetterConfig":{"Arn":"\#(deadLetters.arn)"}}"#,
        ], caller: sender)

        _ = try await putFromSender(onto: "default")
        try await backend.deliveryWorker.deliverDue()
        #expect(try await messages(inbox).isEmpty)
        let refused = try #require(try await messages(deadLetters).first, "a refusal is not retried: it is dead-lettered at once")
        #expect(refused.messageAttributes?["ERROR_CODE"]?["StringValue"]?.stringValue == "CROSS_ACCOUNT_INGESTION_FAILED")

        try await grant(sender.account)
        _ = try await putFromSender(onto: "default")
        try await backend.deliveryWorker.deliverDue()
        #expect(try await messages(inbox).count == 1)
        #expect(elsewhere.arns.withLock { $0 }.isEmpty)
    }

    @Test func aBusOfAnotherAccountThatIsNotHereIsReachedElsewhere() async throws {
        let away = "arn:aws:events:eu-west-1:333333333333:event-bus/default"
        try await rule("forward", pattern: #"{"source":["shop"]}"#, targets: [#"{"Id":"bus","Arn":"\#(away)","RoleArn":"\#(role)"}"#], caller: sender)
        _ = try await putFromSender(onto: "default")
        try await backend.deliveryWorker.deliverDue()
        #expect(elsewhere.arns.withLock { $0 } == [away])
    }

    @Test func aQueueOfAnotherAccountTakesEventsOnlyWhileItsPolicyAllowsEventBridge() async throws {
        let inbox = try await backend.queues.createQueue(named: "inbox", attributes: [:], caller: receiver)
        let deadLetters = try await backend.queues.createQueue(named: "dead-letters", attributes: [:], caller: sender)
        try await rule("send", pattern: #"{"source":["shop"]}"#, targets: [
            #"{"Id":"q","Arn":"\#(inbox.arn)","DeadLetterConfig":{"Arn":"\#(deadLetters.arn)"}}"#,
        ], caller: sender)
        _ = try await putFromSender(onto: "default")
        try await backend.deliveryWorker.deliverDue()
        #expect(try await messages(inbox).isEmpty)
        let refused = try #require(try await messages(deadLetters).first)
        #expect(refused.messageAttributes?["ERROR_CODE"]?["StringValue"]?.stringValue == "NO_PERMISSIONS")

        let ruleArn = ResourceName.rule("send", onBus: "default", sender)
        try await backend.queues.setAttributes(["Policy": #"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},
             "Action":"sqs:SendMessage","Resource":"\#(inbox.arn)","Condition":{"ArnEquals":{"aws:SourceArn":"\#(ruleArn)"}}}]}
            """#], ofQueue: inbox.arn)
        _ = try await putFromSender(onto: "default")
        try await backend.deliveryWorker.deliverDue()
        #expect(try await messages(inbox).count == 1)
    }

    @Test func aDeadLetterQueueOfAnotherAccountTakesOnlyWhatItsPolicyAllows() async throws {
        let deadLetters = try await backend.queues.createQueue(named: "dead-letters", attributes: [:], caller: receiver)
        let missing = ResourceName.eventBus("missing", sender)
        try await rule("send", pattern: #"{"source":["shop"]}"#, targets: [
            #"{"Id":"bus","Arn":"\#(missing)","DeadLetterConfig":{"Arn":"\#(deadLetters.arn)"}}"#,
        ], caller: sender)
        _ = try await putFromSender(onto: "default")
        try await backend.deliveryWorker.deliverDue()
        #expect(try await messages(deadLetters).isEmpty)

        try await backend.queues.setAttributes(["Policy": #"""
            {"Statement":{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sqs:SendMessage"}}
            """#], ofQueue: deadLetters.arn)
        _ = try await putFromSender(onto: "default")
        try await backend.deliveryWorker.deliverDue()
        #expect(try await messages(deadLetters).count == 1)
    }

    @Test func anotherAccountsQueueIsReachedThroughItsUrlOnlyWhereItsPolicyAllows() async throws {
        let inbox = try await backend.queues.createQueue(named: "inbox", attributes: [:], caller: receiver)
        let url = "http://localhost/\(receiver.account)/inbox"
        await #expect(throws: QueueError.accessDenied("https://sqs.eu-west-1.amazonaws.com/222222222222/inbox")) {
            try await backend.queues.queueArn(url: url, caller: sender, action: "sqs:SendMessage")
        }
        try await backend.queues.setAttributes(["Policy": #"""
            {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sqs:SendMessage"}]}
            """#], ofQueue: inbox.arn)
        #expect(try await backend.queues.queueArn(url: url, caller: sender, action: "sqs:SendMessage") == inbox.arn)
        await #expect(throws: QueueError.self) {
            try await backend.queues.queueArn(url: url, caller: sender, action: "sqs:ReceiveMessage")
        }
    }

    @Test func anotherAccountManagesOnlyTheRulesItCreatedAndOnlyWhereTheBusPolicyAllows() async throws {
        _ = try await backend.controlPlane.createEventBus(name: "shared", eventSourceName: nil, settings: .init(), tags: [], caller: receiver)
        let shared = ResourceName.eventBus("shared", receiver)
        let definition = ControlPlane.RuleDefinition(eventPattern: #"{"source":["shop"]}"#)
        do {
            _ = try await backend.controlPlane.putRule("senders", onBus: shared, definition, tags: [], caller: sender)
            Issue.record("put a rule on another account's bus without its policy")
        } catch let error as ServiceError {
            #expect(error.code == "AccessDeniedException")
            #expect(error.message.contains("events:PutRule on resource: arn:aws:events:eu-west-1:222222222222:rule/shared/senders"))
        }
        try await backend.controlPlane.putPermission(.policy(#"""
            {"Version":"2012-10-17","Statement":[{"Sid":"rules","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},
             "Action":["events:PutRule","events:PutTargets","events:DescribeRule"],
             "Resource":"arn:aws:events:eu-west-1:222222222222:rule/shared/*",
             "Condition":{"StringEqualsIfExists":{"events:creatorAccount":"111111111111"}}}]}
            """#), onBus: "shared", caller: receiver)
        let rule = try await backend.controlPlane.putRule("senders", onBus: shared, definition, tags: [], caller: sender)
        #expect(rule.arn == "arn:aws:events:eu-west-1:222222222222:rule/shared/senders")
        #expect(rule.createdBy == sender.account)
        #expect(try await backend.controlPlane.describeRule("senders", onBus: shared, caller: sender).createdBy == sender.account)

        _ = try await backend.controlPlane.putRule("receivers", onBus: "shared", definition, tags: [], caller: receiver)
        await #expect(throws: ServiceError.self, "a rule the bus's own account created is not the sender's to see") {
            try await backend.controlPlane.describeRule("receivers", onBus: shared, caller: sender)
        }
        await #expect(throws: ServiceError.self, "the policy grants no DeleteRule") {
            try await backend.controlPlane.deleteRule("senders", onBus: shared, force: false, caller: sender)
        }
    }
}
