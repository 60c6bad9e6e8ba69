import EventPatterns
import Foundation
import Switchyard
import Testing

extension StoreConformance {
    static func makeConnection(_ name: String, owner: Caller = Fixture.caller) -> Connection {
        var connection = Connection(
            name: name, owner: owner, resourceId: "id-\(name)", authorizationType: .apiKey,
            shownParameters: .structure(["ApiKeyAuthParameters": .structure(["ApiKeyName": JSONValue("x-api-key")])]),
            sealedParameters: Data([0, 1, 2, 255]), state: .authorized, creationTime: t0)
        connection.description = Fixture.textWithNUL
        connection.lastAuthorizedTime = t0.addingTimeInterval(1)
        return connection
    }

    public static let connections: [StoreCheck] = [
        StoreCheck("connections round-trip with their sealed parameters, list by name, and are deleted") { store in
            try await store.write { store in
                for name in ["b", "a"] { try await store.connections.save(makeConnection(name)) }
                try await store.connections.save(makeConnection("c", owner: Fixture.other))
            }
            #expect(try await store.read { try await $0.connections.connection(named: "b", owner: Fixture.caller) } == makeConnection("b"))
            #expect(try await store.read { try await $0.connections.connections(owner: Fixture.caller).map(\.name) } == ["a", "b"])
            var changed = makeConnection("b")
            changed.state = .deauthorized
            changed.stateReason = "why"
            changed.sealedParameters = Data([9])
            changed.invocationConnectivity = .structure(["ResourceParameters": .structure([
                "ResourceConfigurationArn": JSONValue("arn:r"), "ResourceAssociationArn": JSONValue("arn:a"),
            ])])
            try await store.write { [changed] in try await $0.connections.save(changed) }
            #expect(try await store.read { try await $0.connections.connection(named: "b", owner: Fixture.caller) } == changed)
            try await store.write { try await $0.connections.deleteConnection(named: "b", owner: Fixture.caller) }
            #expect(try await store.read { try await $0.connections.connection(named: "b", owner: Fixture.caller) } == nil)
        },
        StoreCheck("API destinations round-trip, list by name, and are deleted") { store in
            var destination = ApiDestination(
                name: "hook", owner: Fixture.caller, resourceId: "r", connectionArn: "arn:c", invocationEndpoint: "https://x/*",
                httpMethod: "PUT", creationTime: t0)
            destination.description = Fixture.textWithNUL
            destination.invocationRateLimitPerSecond = 5
            try await store.write { [destination] store in
                try await store.connections.save(destination)
                var other = destination
                other.name = "another"
                other.invocationRateLimitPerSecond = nil
                try await store.connections.save(other)
            }
            #expect(try await store.read { try await $0.connections.apiDestination(named: "hook", owner: Fixture.caller) } == destination)
            #expect(try await store.read { try await $0.connections.apiDestinations(owner: Fixture.caller).map(\.name) } == ["another", "hook"])
            try await store.write { try await $0.connections.deleteApiDestination(named: "hook", owner: Fixture.caller) }
            #expect(try await store.read { try await $0.connections.apiDestination(named: "hook", owner: Fixture.caller) } == nil)
        },
    ]
}
