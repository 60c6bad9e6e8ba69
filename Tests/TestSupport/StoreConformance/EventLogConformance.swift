import EventPatterns
import Foundation
import Switchyard
import Testing

extension StoreConformance {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func event(_ id: String, traceHeader: String? = nil, lineage: Lineage = .none) -> Event {
        Event(
            id: id, eventBusArn: ResourceName.eventBus("default", Fixture.caller), text: #"{"id":"\#(id)"}"#,
            ingestionTime: t0, traceHeader: traceHeader, lineage: lineage)
    }

    /// An event two rules' deliveries caused.
    static let caused = Lineage.none.caused(by: ResourceName.rule("r", onBus: "default", Fixture.caller))
        .caused(by: ResourceName.rule("r", onBus: "default", Fixture.caller)).caused(by: ResourceName.rule("s", onBus: "b", Fixture.caller))

    static func delivery(_ eventId: String, target: String = "t") -> Delivery {
        Delivery(eventId: eventId, ruleArn: ResourceName.rule("r", onBus: "default", Fixture.caller), targetId: target, ingestionTime: t0)
    }

    static func claim(_ store: any Store, at moment: Date, limit: Int = 100) async throws -> [ClaimedDelivery] {
        try await store.write { try await $0.eventLog.claimDeliveries(dueBy: moment, leaseUntil: moment.addingTimeInterval(30), limit: limit) }
    }

    public static let eventLog: [StoreCheck] = [
        StoreCheck("a claimed delivery comes with its event and target, and is leased") { store in
            let target = Target(definition: .structure(["Id": JSONValue("t"), "Arn": JSONValue("arn:aws:sqs:eu-west-1:111111111111:q")]))
            try await store.write {
                try await $0.resources.setTargets([target], ofRule: ResourceName.rule("r", onBus: "default", Fixture.caller))
                try await $0.eventLog.append(
                    [event("a", traceHeader: Fixture.textWithNUL, lineage: caused), event("owes-nothing")], deliveries: [delivery("a")])
            }
            let claimed = try await claim(store, at: t0)
            #expect(claimed.count == 1)
            #expect(claimed.first?.event == event("a", traceHeader: Fixture.textWithNUL, lineage: caused))
            #expect(claimed.first?.target == target)
            #expect(claimed.first?.delivery.id != nil)
            #expect(try await claim(store, at: t0.addingTimeInterval(29)).isEmpty, "held while its lease runs")
            #expect(try await claim(store, at: t0.addingTimeInterval(30)).count == 1, "due again when the lease runs out")
        },
        StoreCheck("a delivery whose target is gone comes without one") { store in
            try await store.write { try await $0.eventLog.append([event("a")], deliveries: [delivery("a", target: "gone")]) }
            let claimed = try await claim(store, at: t0)
            #expect(claimed.count == 1)
            #expect(claimed.first?.target == nil)
        },
        StoreCheck("deliveries not yet due stay; claims honour the limit, earliest first") { store in
            var later = delivery("b")
            later.dueTime = t0.addingTimeInterval(10)
            try await store.write { [later] in
                try await $0.eventLog.append([event("a"), event("b"), event("c")], deliveries: [later, delivery("a"), delivery("c")])
            }
            let claimed = try await claim(store, at: t0, limit: 1)
            #expect(claimed.count == 1)
            #expect(try await claim(store, at: t0).count == 1, "the other due one")
            #expect(try await claim(store, at: t0.addingTimeInterval(10)).map(\.event.id) == ["b"])
        },
        StoreCheck("a retried delivery is due at its new time with its failure") { store in
            try await store.write { try await $0.eventLog.append([event("a")], deliveries: [delivery("a")]) }
            var retried = try #require(try await claim(store, at: t0).first?.delivery)
            retried.failedAttempts = 2
            retried.dueTime = t0.addingTimeInterval(10)
            retried.lastError = DeliveryFailure(code: "Throttled", message: Fixture.textWithNUL, isRetryable: true)
            try await store.write { [retried] in try await $0.eventLog.retryDelivery(retried) }
            #expect(try await claim(store, at: t0.addingTimeInterval(9)).isEmpty)
            let again = try #require(try await claim(store, at: t0.addingTimeInterval(10)).first?.delivery)
            #expect(again.failedAttempts == 2)
            #expect(again.lastError == retried.lastError)
        },
        StoreCheck("finishing the last delivery of an event forgets the event") { store in
            try await store.write {
                try await $0.eventLog.append([event("a")], deliveries: [delivery("a", target: "t1"), delivery("a", target: "t2")])
            }
            let claimed = try await claim(store, at: t0)
            #expect(claimed.count == 2)
            try await store.write { try await $0.eventLog.finishDelivery(claimed[0].delivery) }
            let remaining = try await claim(store, at: t0.addingTimeInterval(30))
            #expect(remaining.map(\.delivery.targetId) == [claimed[1].delivery.targetId], "the event stays for the other")
            try await store.write { try await $0.eventLog.finishDelivery(remaining[0].delivery) }
            #expect(try await claim(store, at: t0.addingTimeInterval(60)).isEmpty)
        },
        StoreCheck("concurrent claims never take the same delivery") { store in
            let ids = (0..<200).map { "e\($0)" }
            try await store.write { try await $0.eventLog.append(ids.map { event($0) }, deliveries: ids.map { delivery($0) }) }
            let batches = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await claim(store, at: t0, limit: 60).map(\.event.id) }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            let all = batches.flatMap { $0 }
            #expect(all.count == Set(all).count)
            #expect(all.count == 200)
        },
    ]
}
