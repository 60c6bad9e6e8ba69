public import EventPatterns
import Foundation

extension ControlPlane {
    /// Creates a connection. Its secrets are sealed before they reach the store and
    /// are never shown again; basic and API-key connections are usable at once,
    /// OAuth ones when their first token is fetched.
    public func createConnection(
        _ name: String, description: String?, authorizationType: Connection.AuthorizationType, authParameters: JSONValue,
        invocationConnectivity: JSONValue?, caller: Caller
    ) async throws -> Connection {
        try Self.requireAuthParameters(authParameters, for: authorizationType)
        let moment = clock.now
        var connection = Connection(
            name: name, owner: caller, resourceId: UUID().uuidString.lowercased(), authorizationType: authorizationType,
            shownParameters: .object([]), sealedParameters: Data(), state: .creating, creationTime: moment)
        connection.description = description
        try Self.authorize(
            &connection, authParameters, invocationConnectivity: invocationConnectivity, at: moment, secrets: secrets)
        return try await store.write { [connection] store in
            guard try await store.connections.connection(named: name, owner: caller) == nil else {
                throw ServiceError.resourceAlreadyExists("Connection \(name) already exists.")
            }
            try await store.connections.save(connection)
            return connection
        }
    }

    /// Gives `connection` its parameters, sealed and shown, and authorizes it again
    /// as AWS does: OAuth ones wait for a token, the others are usable at once.
    static func authorize(
        _ connection: inout Connection, _ parameters: JSONValue, invocationConnectivity: JSONValue?, at moment: Date,
        secrets: SecretBox
    ) throws {
        connection.invocationConnectivity = Connection.described(
            invocationConnectivity, keeping: connection.invocationConnectivity, owner: connection.owner)
        var shown = Connection.shown(parameters)
        if case .object(var members) = shown, let index = members.firstIndex(where: { $0.key == "ConnectivityParameters" }) {
            let kept = connection.shownParameters["ConnectivityParameters"]
            if let described = Connection.described(members[index].value, keeping: kept, owner: connection.owner) {
                members[index].value = described
            } else {
                members.remove(at: index)
            }
            shown = .object(members)
        }
        connection.shownParameters = shown
        connection.sealedParameters = try secrets.seal(parameters.jsonText)
        connection.stateReason = nil
        connection.state = connection.authorizationType == .oauthClientCredentials ? .authorizing : connection.usableState
        if connection.isUsable { connection.lastAuthorizedTime = moment }
    }

    public func describeConnection(_ name: String, caller: Caller) async throws -> Connection {
        try await store.read { try await Self.requireConnection(name, caller, in: $0.connections) }
    }

    public func listConnections(
        namePrefix: String?, state: Connection.State?, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<Connection> {
        let connections = try await store.read { try await $0.connections.connections(owner: caller) }
            .filter { $0.name.hasPrefix(namePrefix ?? "") && (state == nil || $0.state == state) }
        return try Page(connections, key: \.name, after: nextToken, limit: limit)
    }

    /// Changes what the request gives: each parameter block it names replaces the
    /// members it holds, the rest stay.
    public func updateConnection(
        _ name: String, description: String?, authorizationType: Connection.AuthorizationType?, authParameters: JSONValue?,
        invocationConnectivity: JSONValue?, caller: Caller
    ) async throws -> Connection {
        let moment = clock.now
        let secrets = secrets
        return try await store.write { store in
            var connection = try await Self.requireConnection(name, caller, in: store.connections)
            if let description { connection.description = description }
            if authorizationType != nil || authParameters != nil || invocationConnectivity != nil {
                let type = authorizationType ?? connection.authorizationType
                let kept: String
                do {
                    kept = try secrets.open(connection.sealedParameters)
                } catch {
                    throw ServiceError.internalFailure(
                        "Connection \(name) was sealed with another secrets key: give every node the same --secrets-key-file.")
                }
                let merged = Self.merge(try JSONParser.parse(kept), authParameters ?? .object([]))
                try Self.requireAuthParameters(merged, for: type)
                connection.authorizationType = type
                try Self.authorize(
                    &connection, merged, invocationConnectivity: invocationConnectivity ?? connection.invocationConnectivity,
                    at: moment, secrets: secrets)
            }
            connection.lastModifiedTime = moment
            try await store.connections.save(connection)
            return connection
        }
    }

    /// Deletes the connection; the answer shows it `DELETING`, as AWS's does.
    public func deleteConnection(_ name: String, caller: Caller) async throws -> Connection {
        try await store.write { store in
            var connection = try await Self.requireConnection(name, caller, in: store.connections)
            try await store.connections.deleteConnection(named: name, owner: caller)
            connection.state = .deleting
            return connection
        }
    }

    /// Takes the connection's authorization away; API destinations that use it fail
    /// until it is updated. The answer shows it `DEAUTHORIZING`, as AWS's does.
    public func deauthorizeConnection(_ name: String, caller: Caller) async throws -> Connection {
        let moment = clock.now
        return try await store.write { store in
            var connection = try await Self.requireConnection(name, caller, in: store.connections)
            connection.state = .deauthorized
            connection.lastModifiedTime = moment
            try await store.connections.save(connection)
            connection.state = .deauthorizing
            return connection
        }
    }

    /// The parameter block the authorization type needs. AWS's wording for its
    /// absence is not recorded.
    static func requireAuthParameters(_ parameters: JSONValue, for type: Connection.AuthorizationType) throws(ServiceError) {
        let block = switch type {
        case .basic: "BasicAuthParameters"
        case .apiKey: "ApiKeyAuthParameters"
        case .oauthClientCredentials: "OAuthParameters"
        }
        guard parameters[block] != nil else {
            throw .validation("AuthParameters must contain \(block) for AuthorizationType \(type.rawValue).")
        }
    }

    /// `update` laid over `base`, object by object.
    static func merge(_ base: JSONValue, _ update: JSONValue) -> JSONValue {
        guard case .object(var members) = base, case .object(let changes) = update else { return update }
        for change in changes {
            if let index = members.firstIndex(where: { $0.key == change.key }) {
                members[index].value = merge(members[index].value, change.value)
            } else {
                members.append(change)
            }
        }
        return .object(members)
    }

    /// AWS's words, recorded for DescribeConnection.
    static func requireConnection(_ name: String, _ caller: Caller, in store: any ConnectionReader) async throws -> Connection {
        guard let connection = try await store.connection(named: name, owner: caller) else {
            throw ServiceError.resourceNotFound("Failed to describe the connection(s). Connection '\(name)' does not exist.")
        }
        return connection
    }
}
