import EventPatterns
import Foundation
import Switchyard
import SwitchyardSQLite
import Testing

@Suite struct ControlPlaneTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let controlPlane = ControlPlane(store: try! SQLiteStore.temporary(), machines: RuleMachines())

    @Test func defaultBusExistsInEveryAccountAndRegion() async throws {
        let bus = try await controlPlane.describeEventBus(nil, caller: caller)
        #expect(bus.arn == "arn:aws:events:eu-west-1:111111111111:event-bus/default")
        let other = Caller(account: "222222222222", region: "us-west-2")
        #expect(try await controlPlane.listEventBuses(namePrefix: nil, nextToken: nil, limit: nil, caller: other).items.map(\.arn)
            == ["arn:aws:events:us-west-2:222222222222:event-bus/default"])
    }

    @Test func defaultBusCannotBeDeleted() async throws {
        await #expect(throws: ServiceError.validation("Cannot delete event bus default.")) {
            try await controlPlane.deleteEventBus("default", caller: caller)
        }
    }

    @Test func creatingAnExistingBusFails() async throws {
        _ = try await controlPlane.createEventBus(name: "orders", eventSourceName: nil, settings: .init(), tags: [], caller: caller)
        await #expect(throws: ServiceError.resourceAlreadyExists("Event bus orders already exists.")) {
            _ = try await controlPlane.createEventBus(name: "orders", eventSourceName: nil, settings: .init(), tags: [], caller: caller)
        }
    }

    @Test func busWithRulesCannotBeDeletedUntilTheyAreGone() async throws {
        _ = try await controlPlane.createEventBus(name: "orders", eventSourceName: nil, settings: .init(), tags: [], caller: caller)
        _ = try await putRule("r", bus: "orders")
        await #expect(throws: ServiceError.validation("EventBus can't be deleted since it has rules.")) {
            try await controlPlane.deleteEventBus("orders", caller: caller)
        }
        try await controlPlane.deleteRule("r", onBus: "orders", force: false, caller: caller)
        try await controlPlane.deleteEventBus("orders", caller: caller)
        await #expect(throws: ServiceError.resourceNotFound("Event bus orders does not exist.")) {
            _ = try await controlPlane.describeEventBus("orders", caller: caller)
        }
    }

    @Test func putRuleReplacesTheWholeRuleButKeepsItsTags() async throws {
        _ = try await controlPlane.putRule(
            "r", onBus: nil,
            .init(eventPattern: #"{"source":["a"]}"#, state: .disabled, description: "first"),
            tags: [Tag(key: "team", value: "a")], caller: caller)
        let rule = try await controlPlane.putRule(
            "r", onBus: nil, .init(scheduleExpression: "rate(5 minutes)"), tags: [Tag(key: "ignored", value: "b")], caller: caller)
        #expect(rule.eventPattern == nil)
        #expect(rule.description == nil)
        #expect(rule.state == .enabled)
        #expect(rule.scheduleExpression == "rate(5 minutes)")
        #expect(rule.arn == "arn:aws:events:eu-west-1:111111111111:rule/r")
        #expect(try await controlPlane.tags(of: rule.arn, caller: caller) == [Tag(key: "team", value: "a")])
    }

    @Test func putRuleRefusesInvalidPatternsAndSchedules() async throws {
        await #expect(throws: ServiceError.invalidEventPattern(#"Event pattern is not valid. Reason: "source" must be an object or an array"#)) {
            _ = try await putRule("r", pattern: #"{"source":"a"}"#)
        }
        await #expect(throws: ServiceError.validation("Parameter ScheduleExpression is not valid.")) {
            _ = try await controlPlane.putRule("r", onBus: nil, .init(scheduleExpression: "rate(1 minutes)"), tags: [], caller: caller)
        }
        await #expect(throws: ServiceError.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.")) {
            _ = try await controlPlane.putRule("r", onBus: nil, .init(), tags: [], caller: caller)
        }
    }

    @Test func enabledRulesFollowIntoTheBusMachine() async throws {
        let rule = try await putRule("r", pattern: #"{"source":["a"]}"#)
        let event = Array(#"{"source":"a"}"#.utf8)
        #expect(try controlPlane.machines.machine(forBus: rule.eventBusArn)?.matches(event) == ["r"])
        try await controlPlane.setRuleState("r", onBus: nil, to: .disabled, caller: caller)
        #expect(try controlPlane.machines.machine(forBus: rule.eventBusArn)?.matches(event) ?? [] == [])
        try await controlPlane.setRuleState("r", onBus: nil, to: .enabledWithAllCloudTrailManagementEvents, caller: caller)
        #expect(try controlPlane.machines.machine(forBus: rule.eventBusArn)?.matches(event) == ["r"])
        try await controlPlane.deleteRule("r", onBus: nil, force: false, caller: caller)
        #expect(try controlPlane.machines.machine(forBus: rule.eventBusArn)?.matches(event) ?? [] == [])
    }

    @Test func machinesLoadFromTheStoreAtStartUp() async throws {
        let store = try! SQLiteStore.temporary()
        let first = ControlPlane(store: store, machines: RuleMachines())
        let rule = try await first.putRule("r", onBus: nil, .init(eventPattern: #"{"source":["a"]}"#), tags: [], caller: caller)
        let restarted = ControlPlane(store: store, machines: RuleMachines())
        try await restarted.catchUpRuleMachines()
        #expect(try restarted.machines.machine(forBus: rule.eventBusArn)?.matches(Array(#"{"source":"a"}"#.utf8)) == ["r"])
    }

    @Test func listRulesPagesByName() async throws {
        for name in ["c", "a", "b", "ab"] {
            _ = try await putRule(name)
        }
        let first = try await controlPlane.listRules(namePrefix: "a", onBus: nil, nextToken: nil, limit: 1, caller: caller)
        #expect(first.items.map(\.name) == ["a"])
        let second = try await controlPlane.listRules(namePrefix: "a", onBus: nil, nextToken: first.nextToken, limit: 1, caller: caller)
        #expect(second.items.map(\.name) == ["ab"])
        #expect(second.nextToken == nil)
        let all = try await controlPlane.listRules(namePrefix: nil, onBus: nil, nextToken: nil, limit: nil, caller: caller)
        #expect(all.items.map(\.name) == ["a", "ab", "b", "c"])
    }

    @Test func targetsReplaceByIdAndStopAtFive() async throws {
        _ = try await putRule("r")
        _ = try await controlPlane.putTargets([target("t1", inputPath: "$.detail")], rule: "r", onBus: nil, caller: caller)
        _ = try await controlPlane.putTargets([target("t1", inputPath: "$.notexisting")], rule: "r", onBus: nil, caller: caller)
        let listed = try await controlPlane.listTargets(rule: "r", onBus: nil, nextToken: nil, limit: nil, caller: caller)
        #expect(listed.items.map(\.inputPath) == ["$.notexisting"])
        let six = (1...6).map { target("t\($0)") }
        await #expect(throws: ServiceError.limitExceeded) {
            _ = try await controlPlane.putTargets(six, rule: "r", onBus: nil, caller: caller)
        }
    }

    @Test func targetWithItsOwnProblemFailsAloneInFailedEntries() async throws {
        _ = try await putRule("r")
        let failed = try await controlPlane.putTargets(
            [target("bad", input: "{not json"), target("good")], rule: "r", onBus: nil, caller: caller)
        #expect(failed.map(\.targetId) == ["bad"])
        #expect(try await controlPlane.listTargets(rule: "r", onBus: nil, nextToken: nil, limit: nil, caller: caller).items.map(\.id) == ["good"])
    }

    @Test(arguments: ["lambda-function", "arn:aws:glue:eu-west-1:111111111111:job/etl"])
    func anArnEventBridgeCannotTargetFailsTheRequest(_ arn: String) async throws {
        _ = try await putRule("r")
        let error = await #expect(throws: ServiceError.self) {
            _ = try await controlPlane.putTargets([target("good"), target("t", arn: arn)], rule: "r", onBus: nil, caller: caller)
        }
        #expect(error?.code == "ValidationException")
        #expect(error?.message == "Parameter \(arn) is not valid. Reason: Provided Arn is not in correct format.")
        #expect(try await controlPlane.listTargets(rule: "r", onBus: nil, nextToken: nil, limit: nil, caller: caller).items.isEmpty)
    }

    @Test(arguments: [
        "arn:aws:states:eu-west-1:111111111111:stateMachine:flow", "arn:aws:kinesis:eu-west-1:111111111111:stream/s",
        "arn:aws:codepipeline:eu-west-1:111111111111:pipeline", "arn:aws:events:us-east-1:111111111111:event-bus/default",
        "arn:aws:events:eu-west-1:222222222222:event-bus/default",
    ])
    func aTargetReachedThroughARoleNeedsOne(_ arn: String) async throws {
        _ = try await putRule("r")
        let error = await #expect(throws: ServiceError.self) {
            _ = try await controlPlane.putTargets([target("t", arn: arn)], rule: "r", onBus: nil, caller: caller)
        }
        #expect(error?.message == "RoleArn is required for target \(arn).")
        var withRole = target("t", arn: arn).definition
        if case .object(var members) = withRole {
            members.append(.init(key: "RoleArn", value: JSONValue("arn:aws:iam::111111111111:role/events")))
            withRole = .object(members)
        }
        #expect(try await controlPlane.putTargets([Target(definition: withRole)], rule: "r", onBus: nil, caller: caller).isEmpty)
    }

    @Test func ecsAndBatchTargetsNeedTheirParameters() async throws {
        _ = try await putRule("r")
        let role = JSONValue("arn:aws:iam::111111111111:role/events")
        let ecs = Target(definition: .structure([
            "Id": JSONValue("ecs"), "Arn": JSONValue("arn:aws:ecs:eu-west-1:111111111111:cluster/c"), "RoleArn": role,
        ]))
        let batch = Target(definition: .structure([
            "Id": JSONValue("batch"), "Arn": JSONValue("arn:aws:batch:eu-west-1:111111111111:job-queue/q"), "RoleArn": role,
            "BatchParameters": .structure(["JobDefinition": JSONValue("d")]),
        ]))
        let failed = try await controlPlane.putTargets([ecs, batch], rule: "r", onBus: nil, caller: caller)
        #expect(failed.map(\.errorMessage) == [
            "Parameter(s) EcsParameters must be specified for target: ecs.",
            "Parameter(s) BatchParameters must be specified for target: batch.",
        ])
    }

    @Test func listRuleNamesByTargetFindsRulesPointingAtAnArn() async throws {
        for name in ["r1", "r2"] {
            _ = try await putRule(name)
        }
        _ = try await controlPlane.putTargets([target("t", arn: "arn:aws:sqs:eu-west-1:111111111111:x")], rule: "r2", onBus: nil, caller: caller)
        let names = try await controlPlane.listRuleNamesByTarget("arn:aws:sqs:eu-west-1:111111111111:x", onBus: nil, nextToken: nil, limit: nil, caller: caller)
        #expect(names.items == ["r2"])
    }

    @Test func managedRulesChangeOnlyWithForce() async throws {
        let store = try! SQLiteStore.temporary()
        let controlPlane = ControlPlane(store: store, machines: RuleMachines())
        _ = try await controlPlane.describeEventBus(nil, caller: caller)
        var managed = Rule(name: "managed", eventBusName: "default", owner: caller)
        managed.managedBy = "partner.example.com"
        managed.eventPattern = #"{"source":["a"]}"#
        try await store.write { [managed] in try await $0.resources.save(managed) }
        await #expect(throws: ServiceError.self) {
            try await controlPlane.deleteRule("managed", onBus: nil, force: false, caller: caller)
        }
        try await controlPlane.deleteRule("managed", onBus: nil, force: true, caller: caller)
    }

    @Test func tagsMergeAndUntag() async throws {
        let bus = try await controlPlane.createEventBus(
            name: "orders", eventSourceName: nil, settings: .init(), tags: [Tag(key: "a", value: "1")], caller: caller)
        try await controlPlane.tagResource(bus.arn, tags: [Tag(key: "a", value: "2"), Tag(key: "b", value: "3")], caller: caller)
        try await controlPlane.untagResource(bus.arn, keys: ["b"], caller: caller)
        #expect(try await controlPlane.tags(of: bus.arn, caller: caller) == [Tag(key: "a", value: "2")])
    }

    @Test func permissionsBuildAndShrinkTheBusPolicy() async throws {
        try await controlPlane.putPermission(.statement(id: "one", action: "events:PutEvents", principal: "*", condition: nil), onBus: nil, caller: caller)
        try await controlPlane.putPermission(
            .statement(id: "two", action: "events:PutEvents", principal: "123456789012",
                       condition: .init(type: "StringEquals", key: "aws:PrincipalOrgID", value: "o-1")),
            onBus: nil, caller: caller)
        let policy = try #require(try await controlPlane.describeEventBus(nil, caller: caller).policy)
        #expect(policy.text == """
            {"Version":"2012-10-17","Statement":[{"Sid":"one","Effect":"Allow","Principal":"*","Action":"events:PutEvents",\
            "Resource":"arn:aws:events:eu-west-1:111111111111:event-bus/default"},{"Sid":"two","Effect":"Allow",\
            "Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"events:PutEvents",\
            "Resource":"arn:aws:events:eu-west-1:111111111111:event-bus/default",\
            "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}
            """)
        try await controlPlane.removePermission(statementId: "one", removeAll: false, onBus: nil, caller: caller)
        #expect(try await controlPlane.describeEventBus(nil, caller: caller).policy?.statements.count == 1)
        try await controlPlane.removePermission(statementId: nil, removeAll: true, onBus: nil, caller: caller)
        #expect(try await controlPlane.describeEventBus(nil, caller: caller).policy == nil)
    }

    @Test func busArnsFromAnotherAccountAreNotFound() async throws {
        await #expect(throws: ServiceError.resourceNotFound("Event bus default does not exist.")) {
            _ = try await controlPlane.describeEventBus("arn:aws:events:eu-west-1:999999999999:event-bus/default", caller: caller)
        }
    }

    private func putRule(_ name: String, bus: String? = nil, pattern: String = #"{"source":["x"]}"#) async throws -> Rule {
        try await controlPlane.putRule(name, onBus: bus, .init(eventPattern: pattern), tags: [], caller: caller)
    }

    private func target(_ id: String, arn: String = "arn:aws:sqs:eu-west-1:111111111111:q", input: String? = nil, inputPath: String? = nil) -> Target {
        Target(definition: .structure([
            "Id": JSONValue(id), "Arn": JSONValue(arn), "Input": input.map(JSONValue.init), "InputPath": inputPath.map(JSONValue.init),
        ]))
    }
}
