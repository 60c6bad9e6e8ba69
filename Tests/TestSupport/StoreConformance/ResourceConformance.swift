import EventPatterns
import Foundation
import Switchyard
import Testing

extension StoreConformance {
    public static let resources: [StoreCheck] = [
        StoreCheck("buses round-trip and list in byte order, per owner") { store in
            var bus = EventBus(name: "b", owner: Fixture.caller, creationTime: Date(timeIntervalSince1970: 1_700_000_000.25))
            bus.description = Fixture.textWithNUL
            bus.deadLetterConfig = DeadLetterConfig(arn: "arn:aws:sqs:eu-west-1:111111111111:dlq")
            try await store.write { [bus] in
                try await $0.resources.save(bus)
                try await $0.resources.save(EventBus(name: "a", owner: Fixture.caller, creationTime: Date()))
                try await $0.resources.save(EventBus(name: "B", owner: Fixture.caller, creationTime: Date()))
                try await $0.resources.save(EventBus(name: "z", owner: Fixture.other, creationTime: Date()))
            }
            let read = try await store.read { try await $0.resources.eventBus(named: "b", owner: Fixture.caller) }
            #expect(read == bus)
            let names = try await store.read { try await $0.resources.eventBuses(owner: Fixture.caller).map(\.name) }
            #expect(names == ["B", "a", "b"])
        },
        StoreCheck("saving a bus replaces it; deleting it deletes its tags") { store in
            var bus = EventBus(name: "b", owner: Fixture.caller, creationTime: Date(timeIntervalSince1970: 1))
            try await store.write { [bus] in
                try await $0.resources.save(bus)
                try await $0.resources.setTags([Tag(key: "k", value: "v")], of: bus.arn)
            }
            bus.description = "changed"
            try await store.write { [bus] in try await $0.resources.save(bus) }
            #expect(try await store.read { try await $0.resources.eventBus(named: "b", owner: Fixture.caller) }?.description == "changed")
            try await store.write { try await $0.resources.deleteEventBus(named: "b", owner: Fixture.caller) }
            #expect(try await store.read { try await $0.resources.eventBus(named: "b", owner: Fixture.caller) } == nil)
            let busArn = bus.arn
            #expect(try await store.read { try await $0.resources.tags(of: busArn) }.isEmpty)
        },
        StoreCheck("rules round-trip with every member and list by bus") { store in
            var rule = Rule(name: "r", eventBusName: "orders", owner: Fixture.caller, state: .enabledWithAllCloudTrailManagementEvents)
            rule.eventPattern = #"{"source":["a"]}"#
            rule.scheduleExpression = "rate(5 minutes)"
            rule.description = Fixture.textWithNUL
            rule.roleArn = "arn:aws:iam::111111111111:role/r"
            rule.managedBy = "service.amazonaws.com"
            try await store.write { [rule] in
                try await $0.resources.save(rule)
                try await $0.resources.save(Rule(name: "other-bus", eventBusName: "default", owner: Fixture.caller))
            }
            #expect(try await store.read { try await $0.resources.rule(named: "r", onBus: "orders", owner: Fixture.caller) } == rule)
            #expect(try await store.read { try await $0.resources.rules(onBus: "orders", owner: Fixture.caller) } == [rule])
        },
        StoreCheck("targets keep their order and are replaced whole") { store in
            let ruleArn = ResourceName.rule("r", onBus: "default", Fixture.caller)
            @Sendable func target(_ id: String) -> Target {
                Target(definition: .structure(["Id": JSONValue(id), "Arn": JSONValue("arn:aws:sqs:eu-west-1:111111111111:\(id)")]))
            }
            try await store.write { try await $0.resources.setTargets([target("b"), target("a")], ofRule: ruleArn) }
            #expect(try await store.read { try await $0.resources.targets(ofRule: ruleArn) } == [target("b"), target("a")])
            try await store.write { try await $0.resources.setTargets([target("c")], ofRule: ruleArn) }
            #expect(try await store.read { try await $0.resources.targets(ofRule: ruleArn) } == [target("c")])
        },
        StoreCheck("deleting a rule deletes its targets and tags") { store in
            let rule = Rule(name: "r", eventBusName: "default", owner: Fixture.caller)
            try await store.write {
                try await $0.resources.save(rule)
                try await $0.resources.setTargets(
                    [Target(definition: .structure(["Id": JSONValue("t"), "Arn": JSONValue("arn:aws:sqs:eu-west-1:111111111111:q")]))],
                    ofRule: rule.arn)
                try await $0.resources.setTags([Tag(key: "k", value: "v")], of: rule.arn)
            }
            try await store.write { try await $0.resources.deleteRule(named: "r", onBus: "default", owner: Fixture.caller) }
            #expect(try await store.read { try await $0.resources.rule(named: "r", onBus: "default", owner: Fixture.caller) } == nil)
            #expect(try await store.read { try await $0.resources.targets(ofRule: rule.arn) }.isEmpty)
            #expect(try await store.read { try await $0.resources.tags(of: rule.arn) }.isEmpty)
        },
        StoreCheck("tags keep their order and their text whole") { store in
            let tags = [Tag(key: "z", value: Fixture.textWithNUL), Tag(key: Fixture.textWithNUL, value: "")]
            try await store.write { try await $0.resources.setTags(tags, of: "arn:aws:events:eu-west-1:111111111111:event-bus/b") }
            #expect(try await store.read { try await $0.resources.tags(of: "arn:aws:events:eu-west-1:111111111111:event-bus/b") } == tags)
        },
        StoreCheck("rule changes come in commit order, each rule once with its definition now") { store in
            var first = Rule(name: "a", eventBusName: "default", owner: Fixture.caller)
            first.eventPattern = #"{"source":["one"]}"#
            let second = Rule(name: "b", eventBusName: "default", owner: Fixture.caller)
            try await store.write { [first] in try await $0.resources.save(first) }
            try await store.write { try await $0.resources.save(second) }
            let start = try await store.read { try await $0.resources.ruleChanges(after: 0) }
            #expect(start.changes.map(\.rule) == [first, second])
            try await store.write { try await $0.resources.deleteRule(named: "a", onBus: "default", owner: Fixture.caller) }
            let later = try await store.read { try await $0.resources.ruleChanges(after: start.version) }
            #expect(later.changes == [.init(busArn: first.eventBusArn, ruleName: "a", rule: nil)])
            #expect(later.version > start.version)
            let none = try await store.read { try await $0.resources.ruleChanges(after: later.version) }
            #expect(none == RuleChanges(version: later.version, changes: []))
            let all = try await store.read { try await $0.resources.ruleChanges(after: 0) }
            #expect(all.changes.map(\.ruleName) == ["b", "a"], "a rule's latest change decides its place")
        },
        StoreCheck("concurrent rule changes take distinct versions in commit order") { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await store.write { try await $0.resources.save(Rule(name: "r\(index)", eventBusName: "default", owner: Fixture.caller)) }
                    }
                }
                try await group.waitForAll()
            }
            let all = try await store.read { try await $0.resources.ruleChanges(after: 0) }
            #expect(Set(all.changes.map(\.ruleName)).count == 20)
            #expect(all.changes.count == 20)
            #expect(try await store.read { try await $0.resources.ruleChanges(after: all.version) }.changes.isEmpty)
        },
    ]
}
