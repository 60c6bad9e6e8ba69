import Foundation
import Switchyard
import Testing

extension StoreConformance {
    static let partner = "999999999999"

    static func makeSource(_ name: String, owner: Caller = Fixture.caller) -> PartnerEventSource {
        PartnerEventSource(name: "aws.partner/example.com/\(name)", owner: owner, partnerAccount: partner, creationTime: t0)
    }

    public static let partnerSources: [StoreCheck] = [
        StoreCheck("partner event sources round-trip, list by customer and by partner, and are deleted") { store in
            let deactivated = {
                var source = makeSource("b")
                source.deactivatedTime = t0.addingTimeInterval(1.5)
                source.isDeleted = true
                return source
            }()
            let theirs = makeSource("a", owner: Fixture.other)
            try await store.write { store in
                for source in [deactivated, makeSource("a"), theirs] { try await store.partnerSources.save(source) }
            }
            #expect(try await store.read {
                try await $0.partnerSources.partnerEventSource(named: deactivated.name, owner: Fixture.caller)
            } == deactivated)
            #expect(try await store.read { try await $0.partnerSources.partnerEventSources(owner: Fixture.caller).map(\.name) }
                == [makeSource("a").name, deactivated.name])
            let offered = try await store.read {
                try await $0.partnerSources.partnerEventSources(createdBy: partner, region: Fixture.caller.region)
            }
            #expect(offered.map { [$0.name, $0.owner.account] } == [
                [makeSource("a").name, Fixture.caller.account], [theirs.name, Fixture.other.account],
                [deactivated.name, Fixture.caller.account],
            ])
            #expect(try await store.read { try await $0.partnerSources.partnerEventSources(createdBy: partner, region: "us-west-2") }
                .isEmpty)

            var activated = deactivated
            activated.deactivatedTime = nil
            activated.isDeleted = false
            try await store.write { [activated] in try await $0.partnerSources.save(activated) }
            #expect(try await store.read {
                try await $0.partnerSources.partnerEventSource(named: deactivated.name, owner: Fixture.caller)
            } == activated)
            try await store.write { try await $0.partnerSources.deletePartnerEventSource(named: deactivated.name, owner: Fixture.caller) }
            #expect(try await store.read {
                try await $0.partnerSources.partnerEventSource(named: deactivated.name, owner: Fixture.caller)
            } == nil)
        },
    ]
}
