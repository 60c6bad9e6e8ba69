import Foundation
import Logging
import SwitchyardSQLite
import Testing
@testable import Switchyard

@Suite struct RuleMachinesTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")

    func rule(_ name: String, source: String, state: Rule.State = .enabled) -> Rule {
        var rule = Rule(name: name, eventBusName: "default", owner: caller, state: state)
        rule.eventPattern = #"{"source":["\#(source)"]}"#
        return rule
    }

    func matches(_ machines: RuleMachines, _ source: String) throws -> [String] {
        let busArn = ResourceName.eventBus("default", caller)
        return try machines.machine(forBus: busArn)?.matches(Array(#"{"source":"\#(source)"}"#.utf8)) ?? []
    }

    @Test func machinesFollowTheStoresRuleChangesByVersion() async throws {
        let store = try SQLiteStore.temporary()
        let machines = RuleMachines()
        func catchUp() async throws {
            let version = machines.version
            machines.apply(try await store.read { try await $0.resources.ruleChanges(after: version) })
        }
        try await store.write { [self] in
            try await $0.resources.save(rule("a", source: "one"))
            try await $0.resources.save(rule("b", source: "two"))
        }
        try await catchUp()
        #expect(try matches(machines, "one") == ["a"])
        let loaded = machines.version

        try await store.write { [self] in try await $0.resources.save(rule("a", source: "three")) }
        let changes = try await store.read { try await $0.resources.ruleChanges(after: loaded) }
        #expect(changes.changes.map(\.ruleName) == ["a"], "only what changed since the version applied")
        machines.apply(changes)
        #expect(try matches(machines, "one").isEmpty)
        #expect(try matches(machines, "three") == ["a"])

        try await store.write { [caller] in
            try await $0.resources.deleteRule(named: "a", onBus: "default", owner: caller)
            try await $0.resources.deleteRule(named: "b", onBus: "default", owner: caller)
        }
        try await catchUp()
        #expect(machines.machine(forBus: ResourceName.eventBus("default", caller)) == nil, "an empty bus keeps no machine")
    }

    @Test func aStalerBatchNeverUndoesANewerOne() throws {
        let machines = RuleMachines()
        let busArn = ResourceName.eventBus("default", caller)
        machines.apply(RuleChanges(version: 2, changes: [.init(busArn: busArn, ruleName: "r", rule: rule("r", source: "new"))]))
        machines.apply(RuleChanges(version: 1, changes: [.init(busArn: busArn, ruleName: "r", rule: rule("r", source: "old"))]))
        #expect(try matches(machines, "new") == ["r"])
        #expect(try matches(machines, "old").isEmpty)
        #expect(machines.version == 2)
    }

    @Test func controlPlaneAnswersOnlyOnceItsRuleIsCompiled() async throws {
        let controlPlane = ControlPlane(store: try SQLiteStore.temporary(), machines: RuleMachines())
        let rule = try await controlPlane.putRule("r", onBus: nil, .init(eventPattern: #"{"source":["a"]}"#), tags: [], caller: caller)
        #expect(try controlPlane.machines.machine(forBus: rule.eventBusArn)?.matches(Array(#"{"source":"a"}"#.utf8)) == ["r"])
    }

    /// Two nodes on one store: a rule put on one reaches the other's machines
    /// through the change feed, without waiting for the follower's interval.
    @Test func aRulePutOnOneNodeReachesAnotherNodesMachines() async throws {
        let store = try SQLiteStore.temporary()
        let clock = TestClock()
        let writer = ControlPlane(store: store, machines: RuleMachines(), clock: clock)
        let follower = ControlPlane(store: store, machines: RuleMachines(), clock: clock)
        let following = Task {
            try await RuleChangeFollower(controlPlane: follower, logger: Logger(label: "test"), clock: clock).run()
        }
        defer { following.cancel() }
        await clock.waitForSleepers()
        _ = try await writer.putRule("r", onBus: nil, .init(eventPattern: #"{"source":["one"]}"#), tags: [], caller: caller)
        // The test clock stands still: only the change feed can wake the follower.
        for _ in 0..<400 where try matches(follower.machines, "one").isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        #expect(try matches(follower.machines, "one") == ["r"])
    }
}
