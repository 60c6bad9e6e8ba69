import Foundation
import Switchyard
import Testing

extension StoreConformance {
    static func makeEndpoint(_ name: String, id: String, owner: Caller = Fixture.caller) -> GlobalEndpoint {
        var endpoint = GlobalEndpoint(
            name: name, owner: owner, healthCheck: "arn:aws:route53:::healthcheck/\(name)", secondaryRegion: "us-west-2",
            replicationEnabled: true,
            eventBusArns: [ResourceName.eventBus("orders", owner), "arn:aws:events:us-west-2:\(owner.account):event-bus/orders"],
            endpointId: id, creationTime: t0)
        endpoint.description = Fixture.textWithNUL
        endpoint.roleArn = "arn:aws:iam::\(owner.account):role/replication"
        endpoint.lastModifiedTime = t0.addingTimeInterval(2.5)
        return endpoint
    }

    public static let endpoints: [StoreCheck] = [
        StoreCheck("global endpoints round-trip, list by owner, are found by id, and are deleted") { store in
            try await store.write { store in
                for (name, id) in [("b", "bbbbb.bbb"), ("a", "aaaaa.aaa")] { try await store.endpoints.save(makeEndpoint(name, id: id)) }
                try await store.endpoints.save(makeEndpoint("c", id: "ccccc.ccc", owner: Fixture.other))
            }
            #expect(try await store.read { try await $0.endpoints.endpoint(named: "b", owner: Fixture.caller) }
                == makeEndpoint("b", id: "bbbbb.bbb"))
            #expect(try await store.read { try await $0.endpoints.endpoints(owner: Fixture.caller).map(\.name) } == ["a", "b"])
            #expect(try await store.read { try await $0.endpoints.endpoint(id: "ccccc.ccc")?.owner } == Fixture.other)
            var changed = makeEndpoint("b", id: "bbbbb.bbb")
            changed.replicationEnabled = false
            changed.description = nil
            changed.roleArn = nil
            try await store.write { [changed] in try await $0.endpoints.save(changed) }
            #expect(try await store.read { try await $0.endpoints.endpoint(id: "bbbbb.bbb") } == changed)
            try await store.write { try await $0.endpoints.deleteEndpoint(named: "b", owner: Fixture.caller) }
            #expect(try await store.read { try await $0.endpoints.endpoint(id: "bbbbb.bbb") } == nil)
        },
        StoreCheck("a health check is unset until set, then as last set") { store in
            let arn = "arn:aws:route53:::healthcheck/primary"
            #expect(try await store.read { try await $0.endpoints.healthCheckIsHealthy(arn) } == nil)
            try await store.write { try await $0.endpoints.setHealthCheck(arn, isHealthy: false) }
            #expect(try await store.read { try await $0.endpoints.healthCheckIsHealthy(arn) } == false)
            try await store.write { try await $0.endpoints.setHealthCheck(arn, isHealthy: true) }
            #expect(try await store.read { try await $0.endpoints.healthCheckIsHealthy(arn) } == true)
        },
    ]
}
