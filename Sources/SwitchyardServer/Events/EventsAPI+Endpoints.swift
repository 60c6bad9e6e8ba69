import EventPatterns
import Foundation
import Switchyard

/// The global endpoint operations of `AWSEvents.*`.
extension EventsAPI {
    static let endpointOperations: Set = ["CreateEndpoint", "DescribeEndpoint", "ListEndpoints", "UpdateEndpoint", "DeleteEndpoint"]

    func handleEndpoints(_ operation: String, _ input: JSONValue, caller: Caller) async throws -> JSONValue {
        switch operation {
        case "CreateEndpoint":
            let endpoint = try await controlPlane.createEndpoint(named: input.string("Name"), input.endpointDefinition, caller: caller)
            return endpoint.json(as: .created)
        case "DescribeEndpoint":
            let endpoint = try await controlPlane.describeEndpoint(
                named: input.string("Name"), homeRegion: input["HomeRegion"]?.stringValue, caller: caller)
            return endpoint.json(as: .described)
        case "ListEndpoints":
            let page = try await controlPlane.listEndpoints(
                namePrefix: input["NamePrefix"]?.stringValue, homeRegion: input["HomeRegion"]?.stringValue,
                nextToken: input["NextToken"]?.stringValue, limit: input["MaxResults"]?.intValue, caller: caller)
            return .structure([
                "Endpoints": .array(page.items.map { $0.json(as: .described) }),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "UpdateEndpoint":
            let endpoint = try await controlPlane.updateEndpoint(named: input.string("Name"), input.endpointDefinition, caller: caller)
            return endpoint.json(as: .updated)
        case "DeleteEndpoint":
            try await controlPlane.deleteEndpoint(named: input.string("Name"), caller: caller)
            return .object([])
        default:
            throw ServiceError(code: "UnknownOperationException", message: "Unknown operation \(operation).")
        }
    }
}

extension JSONValue {
    var endpointDefinition: ControlPlane.EndpointDefinition {
        let failover = self["RoutingConfig"]?["FailoverConfig"]
        return ControlPlane.EndpointDefinition(
            description: self["Description"]?.stringValue,
            healthCheck: failover?["Primary"]?["HealthCheck"]?.stringValue,
            secondaryRegion: failover?["Secondary"]?["Route"]?.stringValue,
            replicationEnabled: self["ReplicationConfig"]?["State"]?.stringValue.map { $0 == "ENABLED" },
            eventBusArns: self["EventBuses"]?.arrayValue?.compactMap { $0["EventBusArn"]?.stringValue },
            roleArn: self["RoleArn"]?.stringValue)
    }
}

extension GlobalEndpoint {
    /// What each operation answers with. Creating and updating finish at once here;
    /// the answer still says `CREATING` or `UPDATING`, as AWS's does, and describing
    /// says `ACTIVE`.
    enum Answer {
        case created, updated, described
    }

    func json(as answer: Answer) -> JSONValue {
        let state = switch answer {
        case .created: "CREATING"
        case .updated: "UPDATING"
        case .described: "ACTIVE"
        }
        let described = answer == .described
        return .structure([
            "Name": JSONValue(name),
            "Description": described ? description.map(JSONValue.init) : nil,
            "Arn": JSONValue(arn),
            "RoutingConfig": .structure(["FailoverConfig": .structure([
                "Primary": .structure(["HealthCheck": JSONValue(healthCheck)]),
                "Secondary": .structure(["Route": JSONValue(secondaryRegion)]),
            ])]),
            "ReplicationConfig": .structure(["State": JSONValue(replicationEnabled ? "ENABLED" : "DISABLED")]),
            "EventBuses": .array(eventBusArns.map { .structure(["EventBusArn": JSONValue($0)]) }),
            "RoleArn": roleArn.map(JSONValue.init),
            "EndpointId": answer == .created ? nil : JSONValue(endpointId),
            "EndpointUrl": answer == .created ? nil : JSONValue(url),
            "State": JSONValue(state),
            "CreationTime": described ? JSONValue.timestamp(creationTime) : nil,
            "LastModifiedTime": described ? JSONValue.timestamp(lastModifiedTime) : nil,
        ])
    }
}
