import EventPatterns
import Foundation
import Switchyard
import GRDB
@testable import SwitchyardSQLite
import Synchronization
import Testing

@Suite struct SQLiteStoreTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")

    @Test func resourcesSurviveReopeningTheDatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }

        let first = ControlPlane(store: try SQLiteStore(directory: directory), machines: RuleMachines())
        _ = try await first.createEventBus(
            name: "orders", eventSourceName: nil,
            settings: .init(description: "d", deadLetterConfig: DeadLetterConfig(arn: "arn:aws:sqs:eu-west-1:111111111111:dlq")),
            tags: [Tag(key: "team", value: "a")], caller: caller)
        let rule = try await first.putRule(
            "r", onBus: "orders", .init(eventPattern: #"{"source":["a"]}"#, description: "rule"), tags: [], caller: caller)
        let target = Target(definition: .structure([
            "Id": JSONValue("t"), "Arn": JSONValue("arn:aws:sqs:eu-west-1:111111111111:q"),
            "RetryPolicy": .structure(["MaximumRetryAttempts": JSONValue(3)]),
        ]))
        _ = try await first.putTargets([target], rule: "r", onBus: "orders", caller: caller)
        try await first.putPermission(.statement(id: "s", action: "events:PutEvents", principal: "*", condition: nil), onBus: "orders", caller: caller)

        let reopened = ControlPlane(store: try SQLiteStore(directory: directory), machines: RuleMachines())
        try await reopened.catchUpRuleMachines()
        let bus = try await reopened.describeEventBus("orders", caller: caller)
        #expect(bus.description == "d")
        #expect(bus.deadLetterConfig?.arn == "arn:aws:sqs:eu-west-1:111111111111:dlq")
        #expect(bus.policy?.statements.count == 1)
        #expect(try await reopened.tags(of: bus.arn, caller: caller) == [Tag(key: "team", value: "a")])
        #expect(try await reopened.describeRule("r", onBus: "orders", caller: caller) == rule)
        #expect(try await reopened.listTargets(rule: "r", onBus: "orders", nextToken: nil, limit: nil, caller: caller).items == [target])
        #expect(try reopened.machines.machine(forBus: bus.arn)?.matches(Array(#"{"source":"a"}"#.utf8)) == ["r"])
    }

    /// Rules stored before changes were versioned load like any other.
    @Test func rulesStoredBeforeVersioningAreLoaded() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try DatabaseQueue(path: directory.appendingPathComponent("switchyard.sqlite").path)
        try SQLiteStore.migrator.migrate(database, upTo: "deduplication ids outlive their messages")
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO rule (arn, account, region, eventBusName, name, eventPattern, state, createdBy)
                VALUES ('arn:aws:events:eu-west-1:111111111111:rule/orders/r', '111111111111', 'eu-west-1', 'orders', 'r',
                        '{"source":["a"]}', 'ENABLED', '111111111111')
                """)
        }
        try database.close()

        let controlPlane = ControlPlane(store: try SQLiteStore(directory: directory), machines: RuleMachines())
        try await controlPlane.catchUpRuleMachines()
        let machine = controlPlane.machines.machine(forBus: ResourceName.eventBus("orders", caller))
        #expect(try machine?.matches(Array(#"{"source":"a"}"#.utf8)) == ["r"])
    }

    @Test func failedTransactionLeavesNothingBehind() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        struct Interrupted: Error {}
        let caller = caller
        await #expect(throws: Interrupted.self) {
            try await store.write { store in
                try await store.resources.save(EventBus(name: "half", owner: caller, creationTime: Date()))
                throw Interrupted()
            }
        }
        #expect(try await store.read { try await $0.resources.eventBus(named: "half", owner: caller) } == nil)
    }

    @Test func concurrentWritesCommitTogetherAndAFailingOneRollsBackAlone() async throws {
        let store = try SQLiteStore.temporary()
        let caller = caller
        let committed = Names()
        struct Refused: Error {}
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    do {
                        try await store.write { store in
                            try await store.resources.save(EventBus(name: "bus-\(index)", owner: caller, creationTime: Date()))
                            if index % 10 == 0 { throw Refused() }
                        }
                        committed.append("bus-\(index)")
                    } catch is Refused {}
                }
            }
            try await group.waitForAll()
        }
        let names = try await store.read { try await $0.resources.eventBuses(owner: caller).map(\.name) }
        let expected = (0..<50).filter { $0 % 10 != 0 }.map { "bus-\($0)" }
        #expect(Set(names) == Set(expected))
        #expect(Set(committed.all) == Set(expected), "every write that returned is committed")
    }
}

/// Names recorded by concurrent writers.
final class Names: Sendable {
    private let names = Mutex<[String]>([])
    var all: [String] { names.withLock { $0 } }
    func append(_ name: String) { names.withLock { $0.append(name) } }
}
