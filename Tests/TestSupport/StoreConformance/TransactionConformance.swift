import Foundation
import Switchyard
import Synchronization
import Testing

extension StoreConformance {
    public static let transactions: [StoreCheck] = [
        StoreCheck("a write that throws leaves nothing behind") { store in
            await #expect(throws: Refused.self) {
                try await store.write {
                    try await $0.resources.save(EventBus(name: "half", owner: Fixture.caller, creationTime: Date()))
                    throw Refused()
                }
            }
            let half = try await store.read { try await $0.resources.eventBus(named: "half", owner: Fixture.caller) }
            #expect(half == nil)
        },
        StoreCheck("a write reads its own changes; others see them once it returns") { store in
            let seenInside = try await store.write {
                try await $0.queues.save(Queue(name: "q", owner: Fixture.caller, attributes: [:], createdTimestamp: Date()))
                return try await $0.queues.queue(arn: Queue.arn("q", Fixture.caller)) != nil
            }
            #expect(seenInside)
            #expect(try await store.read { try await $0.queues.queue(arn: Queue.arn("q", Fixture.caller)) } != nil)
        },
        StoreCheck("concurrent writes all commit, and a failing one rolls back alone") { store in
            let committed = Committed()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        do {
                            try await store.write {
                                try await $0.resources.save(EventBus(name: "bus-\(index)", owner: Fixture.caller, creationTime: Date()))
                                if index % 10 == 0 { throw Refused() }
                            }
                            committed.insert("bus-\(index)")
                        } catch is Refused {}
                    }
                }
                try await group.waitForAll()
            }
            let names = try await store.read { try await $0.resources.eventBuses(owner: Fixture.caller).map(\.name) }
            let expected = Set((0..<50).filter { $0 % 10 != 0 }.map { "bus-\($0)" })
            #expect(Set(names) == expected)
            #expect(committed.names == expected)
        },
    ]
}

/// Names recorded by concurrent writers once their write returned.
private final class Committed: Sendable {
    private let recorded = Mutex<Set<String>>([])
    var names: Set<String> { recorded.withLock { $0 } }
    func insert(_ name: String) { _ = recorded.withLock { $0.insert(name) } }
}
