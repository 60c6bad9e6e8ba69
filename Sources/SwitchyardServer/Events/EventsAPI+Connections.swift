import EventPatterns
import Foundation
import Switchyard

/// The connection and API destination operations of `AWSEvents.*`. No answer ever
/// holds a secret: connections show their parameters with secrets taken out.
extension EventsAPI {
    static let connectionOperations: Set = [
        "CreateConnection", "DescribeConnection", "ListConnections", "UpdateConnection", "DeleteConnection",
        "DeauthorizeConnection", "CreateApiDestination", "DescribeApiDestination", "ListApiDestinations",
        "UpdateApiDestination", "DeleteApiDestination",
    ]

    func handleConnections(_ operation: String, _ input: JSONValue, caller: Caller) async throws -> JSONValue {
        switch operation {
        case "CreateConnection":
            let connection = try await controlPlane.createConnection(
                input.string("Name"), description: input["Description"]?.stringValue,
                authorizationType: Connection.AuthorizationType(rawValue: input.string("AuthorizationType")) ?? .basic,
                authParameters: input["AuthParameters"] ?? .object([]),
                invocationConnectivity: input["InvocationConnectivityParameters"], caller: caller)
            return connection.json(as: .created)
        case "DescribeConnection":
            return try await controlPlane.describeConnection(input.string("Name"), caller: caller).json(as: .described)
        case "ListConnections":
            let page = try await controlPlane.listConnections(
                namePrefix: input["NamePrefix"]?.stringValue,
                state: input["ConnectionState"]?.stringValue.flatMap(Connection.State.init(rawValue:)),
                nextToken: input["NextToken"]?.stringValue, limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "Connections": .array(page.items.map { $0.json(as: .listed) }), "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "UpdateConnection":
            let connection = try await controlPlane.updateConnection(
                input.string("Name"), description: input["Description"]?.stringValue,
                authorizationType: input["AuthorizationType"]?.stringValue.flatMap(Connection.AuthorizationType.init(rawValue:)),
                authParameters: input["AuthParameters"],
                invocationConnectivity: input["InvocationConnectivityParameters"], caller: caller)
            return connection.json(as: .changed)
        case "DeleteConnection":
            return try await controlPlane.deleteConnection(input.string("Name"), caller: caller).json(as: .changed)
        case "DeauthorizeConnection":
            return try await controlPlane.deauthorizeConnection(input.string("Name"), caller: caller).json(as: .changed)

        case "CreateApiDestination":
            let destination = try await controlPlane.createApiDestination(input.string("Name"), input.apiDestinationDefinition, caller: caller)
            return destination.json(as: .changed)
        case "DescribeApiDestination":
            return try await controlPlane.describeApiDestination(input.string("Name"), caller: caller).json(as: .described)
        case "ListApiDestinations":
            let page = try await controlPlane.listApiDestinations(
                namePrefix: input["NamePrefix"]?.stringValue, connectionArn: input["ConnectionArn"]?.stringValue,
                nextToken: input["NextToken"]?.stringValue, limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "ApiDestinations": .array(page.items.map { $0.json(as: .listed) }), "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "UpdateApiDestination":
            let destination = try await controlPlane.updateApiDestination(input.string("Name"), input.apiDestinationDefinition, caller: caller)
            return destination.json(as: .changed)
        case "DeleteApiDestination":
            try await controlPlane.deleteApiDestination(input.string("Name"), caller: caller)
            return .object([])
        default:
            throw ServiceError(code: "UnknownOperationException", message: "Unknown operation \(operation).")
        }
    }
}

enum ConnectionResponse {
    /// CreateConnection: the ARN, the state and the times.
    case created
    /// Update, Delete and Deauthorize: the same, with `LastAuthorizedTime`.
    case changed
    case described
    case listed
}

extension JSONValue {
    var apiDestinationDefinition: ControlPlane.ApiDestinationDefinition {
        ControlPlane.ApiDestinationDefinition(
            description: self["Description"]?.stringValue, connectionArn: self["ConnectionArn"]?.stringValue,
            invocationEndpoint: self["InvocationEndpoint"]?.stringValue, httpMethod: self["HttpMethod"]?.stringValue,
            invocationRateLimitPerSecond: self["InvocationRateLimitPerSecond"]?.intValue)
    }
}

extension Connection {
    func json(as response: ConnectionResponse) -> JSONValue {
        let described = response == .described
        let summary = response == .described || response == .listed
        return .structure([
            "ConnectionArn": JSONValue(arn),
            "Name": summary ? JSONValue(name) : nil,
            "Description": described ? description.map(JSONValue.init) : nil,
            "InvocationConnectivityParameters": described ? invocationConnectivity : nil,
            "ConnectionState": JSONValue(state.rawValue),
            "StateReason": summary ? stateReason.map(JSONValue.init) : nil,
            "AuthorizationType": summary ? JSONValue(authorizationType.rawValue) : nil,
            "SecretArn": described ? JSONValue(secretArn) : nil,
            "AuthParameters": described ? shownParameters : nil,
            "CreationTime": .timestamp(creationTime),
            "LastModifiedTime": .timestamp(lastModifiedTime),
            "LastAuthorizedTime": response == .created ? nil : lastAuthorizedTime.map(JSONValue.timestamp),
        ])
    }
}

extension ApiDestination {
    func json(as response: ConnectionResponse) -> JSONValue {
        let summary = response == .described || response == .listed
        return .structure([
            "ApiDestinationArn": JSONValue(arn),
            "Name": summary ? JSONValue(name) : nil,
            "Description": response == .described ? description.map(JSONValue.init) : nil,
            "ApiDestinationState": JSONValue(state.rawValue),
            "ConnectionArn": summary ? JSONValue(connectionArn) : nil,
            "InvocationEndpoint": summary ? JSONValue(invocationEndpoint) : nil,
            "HttpMethod": summary ? JSONValue(httpMethod) : nil,
            "InvocationRateLimitPerSecond": summary ? invocationRateLimitPerSecond.map(JSONValue.init) : nil,
            "CreationTime": .timestamp(creationTime),
            "LastModifiedTime": .timestamp(lastModifiedTime),
        ])
    }
}
