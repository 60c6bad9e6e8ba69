import Foundation

extension ControlPlane {
    public struct ApiDestinationDefinition: Sendable {
        public var description: String?
        public var connectionArn: String?
        public var invocationEndpoint: String?
        public var httpMethod: String?
        public var invocationRateLimitPerSecond: Int?

        public init(
            description: String? = nil, connectionArn: String? = nil, invocationEndpoint: String? = nil, httpMethod: String? = nil,
            invocationRateLimitPerSecond: Int? = nil
        ) {
            self.description = description
            self.connectionArn = connectionArn
            self.invocationEndpoint = invocationEndpoint
            self.httpMethod = httpMethod
            self.invocationRateLimitPerSecond = invocationRateLimitPerSecond
        }
    }

    /// Creates an API destination over an existing connection of the caller's.
    public func createApiDestination(_ name: String, _ definition: ApiDestinationDefinition, caller: Caller) async throws -> ApiDestination {
        let moment = clock.now
        return try await store.write { store in
            guard try await store.connections.apiDestination(named: name, owner: caller) == nil else {
                throw ServiceError.resourceAlreadyExists("An api-destination '\(name)' already exists.")
            }
            let connectionArn = definition.connectionArn ?? ""
            try await Self.requireConnection(arn: connectionArn, caller, in: store.connections)
            var destination = ApiDestination(
                name: name, owner: caller, resourceId: UUID().uuidString.lowercased(), connectionArn: connectionArn,
                invocationEndpoint: definition.invocationEndpoint ?? "", httpMethod: definition.httpMethod ?? "POST",
                creationTime: moment)
            destination.description = definition.description
            destination.invocationRateLimitPerSecond = definition.invocationRateLimitPerSecond
            try await store.connections.save(destination)
            return destination
        }
    }

    public func describeApiDestination(_ name: String, caller: Caller) async throws -> ApiDestination {
        try await store.read { try await Self.requireApiDestination(name, caller, in: $0.connections) }
    }

    public func listApiDestinations(
        namePrefix: String?, connectionArn: String?, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<ApiDestination> {
        let destinations = try await store.read { try await $0.connections.apiDestinations(owner: caller) }
            .filter { $0.name.hasPrefix(namePrefix ?? "") && (connectionArn == nil || $0.connectionArn == connectionArn) }
        return try Page(destinations, key: \.name, after: nextToken, limit: limit)
    }

    /// Changes what the request gives.
    public func updateApiDestination(_ name: String, _ definition: ApiDestinationDefinition, caller: Caller) async throws -> ApiDestination {
        let moment = clock.now
        return try await store.write { store in
            var destination = try await Self.requireApiDestination(name, caller, in: store.connections)
            if let connectionArn = definition.connectionArn {
                try await Self.requireConnection(arn: connectionArn, caller, in: store.connections)
                destination.connectionArn = connectionArn
            }
            if let description = definition.description { destination.description = description }
            if let endpoint = definition.invocationEndpoint { destination.invocationEndpoint = endpoint }
            if let method = definition.httpMethod { destination.httpMethod = method }
            if let limit = definition.invocationRateLimitPerSecond { destination.invocationRateLimitPerSecond = limit }
            destination.lastModifiedTime = moment
            try await store.connections.save(destination)
            return destination
        }
    }

    public func deleteApiDestination(_ name: String, caller: Caller) async throws {
        try await store.write { store in
            _ = try await Self.requireApiDestination(name, caller, in: store.connections)
            try await store.connections.deleteApiDestination(named: name, owner: caller)
        }
    }

    /// The caller's connection an ARN names; AWS's wording for a missing one is not
    /// recorded beyond DescribeConnection's, which this follows.
    static func requireConnection(arn: String, _ caller: Caller, in store: any ConnectionReader) async throws {
        let parts = arn.split(separator: "/")
        let name = parts.count == 3 ? String(parts[1]) : arn
        guard let connection = try await store.connection(named: name, owner: caller), connection.arn == arn else {
            throw ServiceError.resourceNotFound("Connection '\(name)' does not exist.")
        }
    }

    /// AWS's words, recorded for DescribeApiDestination.
    static func requireApiDestination(_ name: String, _ caller: Caller, in store: any ConnectionReader) async throws -> ApiDestination {
        guard let destination = try await store.apiDestination(named: name, owner: caller) else {
            throw ServiceError.resourceNotFound("Failed to describe the api-destination(s). An api-destination '\(name)' does not exist.")
        }
        return destination
    }
}
