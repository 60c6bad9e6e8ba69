import Foundation
import SwitchyardSQLite
import Testing
@testable import Switchyard

@Suite struct RuleMachinesTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")

    /// The store's writer runs after-commit actions before it answers the writes
    /// that wait on it; compiling a large bus there stalled every PutEvents. The
    /// action only notes the change, and the writer of the rule compiles it.
    @Test func committedRuleIsCompiledWhenItsWriterAppliesItNotInTheCommit() async throws {
        let store = try SQLiteStore.temporary()
        let machines = RuleMachines()
        var rule = Rule(name: "r", eventBusName: "default", owner: caller)
        rule.eventPattern = #"{"source":["a"]}"#
        try await store.write { [rule] store in
            try await store.resources.save(rule)
            store.afterCommit { machines.update(rule) }
        }
        #expect(machines.machine(forBus: rule.eventBusArn) == nil)
        machines.applyPending()
        #expect(try machines.machine(forBus: rule.eventBusArn)?.matches(Array(#"{"source":"a"}"#.utf8)) == ["r"])
    }

    @Test func changesApplyInCommitOrderWithABusRemovedBetween() throws {
        let machines = RuleMachines()
        var rule = Rule(name: "r", eventBusName: "b", owner: caller)
        rule.eventPattern = #"{"source":["old"]}"#
        machines.update(rule)
        machines.removeBus(rule.eventBusArn)
        rule.eventPattern = #"{"source":["new"]}"#
        machines.update(rule)
        machines.applyPending()
        let machine = try #require(machines.machine(forBus: rule.eventBusArn))
        #expect(try machine.matches(Array(#"{"source":"old"}"#.utf8)).isEmpty)
        #expect(try machine.matches(Array(#"{"source":"new"}"#.utf8)) == ["r"])
    }

    @Test func controlPlaneAnswersOnlyOnceItsRuleIsCompiled() async throws {
        let controlPlane = ControlPlane(store: try SQLiteStore.temporary(), machines: RuleMachines())
        let rule = try await controlPlane.putRule("r", onBus: nil, .init(eventPattern: #"{"source":["a"]}"#), tags: [], caller: caller)
        #expect(try controlPlane.machines.machine(forBus: rule.eventBusArn)?.matches(Array(#"{"source":"a"}"#.utf8)) == ["r"])
    }
}
