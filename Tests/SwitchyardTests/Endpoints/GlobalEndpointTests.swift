import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

/// A global endpoint over a bus of one name in two Regions.
struct GlobalEndpointTests {
    let home = Caller(account: "111111111111", region: "us-east-1")
    let secondary = Caller(account: "111111111111", region: "us-west-2")
    let healthCheck = "arn:aws:route53:::healthcheck/primary"
    let backend: Backend

    init() throws {
        backend = Backend(store: try SQLiteStore.temporary(), logger: Logger(label: "test"))
    }

    func definition(replication: Bool = false, secondaryRegion: String = "us-west-2", busArns: [String]? = nil) -> ControlPlane.EndpointDefinition {
        ControlPlane.EndpointDefinition(
            healthCheck: healthCheck, secondaryRegion: secondaryRegion, replicationEnabled: replication,
            eventBusArns: busArns ?? [ResourceName.eventBus("orders", home), ResourceName.eventBus("orders", secondary)])
    }

    /// The bus in each Region, with a queue receiving what reaches it.
    func inboxes() async throws -> [Queue] {
        var queues: [Queue] = []
        for owner in [home, secondary] {
            _ = try await backend.controlPlane.createEventBus(name: "orders", eventSourceName: nil, settings: .init(), tags: [], caller: owner)
            let queue = try await backend.queues.createQueue(named: "inbox", attributes: [:], caller: owner)
            _ = try await backend.controlPlane.putRule("all", onBus: "orders", .init(eventPattern: #"{"source":["shop"]}"#), tags: [], caller: owner)
            _ = try await backend.controlPlane.putTargets(
                [Target(definition: try JSONParser.parse(#"{"Id":"q","Arn":"\#(queue.arn)"}"#))], rule: "all", onBus: "orders", caller: owner)
            queues.append(queue)
        }
        return queues
    }

    func put(through endpoint: GlobalEndpoint) async throws {
        let results = try await backend.dataPlane.putEvents(
            [PutEventsEntry(source: "shop", detailType: "order", detail: "{}")], caller: home, endpointId: endpoint.endpointId)
        guard case .accepted = results.first else { throw Failure("refused: \(results)") }
    }

    func received(_ queues: [Queue]) async throws -> [Int] {
        var counts: [Int] = []
        for queue in queues {
            counts.append(try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: 0, waitTime: 0).count)
            try await backend.queues.purgeQueue(arn: queue.arn)
        }
        return counts
    }

    @Test func eventsGoToThePrimaryWhileItIsHealthyAndToTheSecondaryWhileItIsNot() async throws {
        let queues = try await inboxes()
        let endpoint = try await backend.controlPlane.createEndpoint(named: "global", definition(), caller: home)
        try await put(through: endpoint)
        #expect(try await received(queues) == [1, 0])
        try await backend.controlPlane.setHealthCheckStatus(healthCheck, isHealthy: false)
        try await put(through: endpoint)
        #expect(try await received(queues) == [0, 1])
    }

    @Test func replicationCopiesEachEventToTheOtherRegion() async throws {
        let queues = try await inboxes()
        let endpoint = try await backend.controlPlane.createEndpoint(named: "global", definition(replication: true), caller: home)
        try await put(through: endpoint)
        #expect(try await received(queues) == [1, 1])
    }

    @Test func theBusesAreOneNameInTheHomeAndTheSecondaryRegion() async throws {
        let invalid = [
            definition(secondaryRegion: "us-east-1"),
            definition(busArns: [ResourceName.eventBus("orders", home), ResourceName.eventBus("other", secondary)]),
            definition(busArns: [ResourceName.eventBus("orders", home), "arn:aws:events:eu-west-1:111111111111:event-bus/orders"]),
            definition(busArns: [ResourceName.eventBus("orders", home), "arn:aws:events:us-west-2:222222222222:event-bus/orders"]),
        ]
        for definition in invalid {
            await #expect(throws: ServiceError.self) { try await backend.controlPlane.createEndpoint(named: "e", definition, caller: home) }
        }
    }

    @Test func anEndpointIsFoundFromItsHomeRegionAndNamedOnce() async throws {
        let endpoint = try await backend.controlPlane.createEndpoint(named: "global", definition(), caller: home)
        #expect(endpoint.url == "https://\(endpoint.endpointId).endpoint.events.amazonaws.com")
        let described = try await backend.controlPlane.describeEndpoint(named: "global", homeRegion: "us-east-1", caller: secondary)
        #expect(described.endpointId == endpoint.endpointId)
        #expect(described.arn == "arn:aws:events:us-east-1:111111111111:endpoint/global")
        await #expect(throws: ServiceError.resourceAlreadyExists("Endpoint global already exists.")) {
            try await backend.controlPlane.createEndpoint(named: "global", definition(), caller: home)
        }
        try await backend.controlPlane.deleteEndpoint(named: "global", caller: home)
        await #expect(throws: ServiceError.resourceNotFound("Endpoint global does not exist.")) {
            try await backend.controlPlane.describeEndpoint(named: "global", homeRegion: nil, caller: home)
        }
    }
}
