import Foundation

/// Global endpoints: CreateEndpoint, DescribeEndpoint, ListEndpoints, UpdateEndpoint
/// and DeleteEndpoint, and Switchyard's `SetHealthCheckStatus`, which stands in for
/// Route 53 in deciding whether an endpoint's primary Region is healthy.
extension ControlPlane {
    /// What CreateEndpoint and UpdateEndpoint set; UpdateEndpoint leaves what is nil as it was.
    public struct EndpointDefinition: Sendable {
        public var description: String?
        public var healthCheck: String?
        public var secondaryRegion: String?
        public var replicationEnabled: Bool?
        public var eventBusArns: [String]?
        public var roleArn: String?

        public init(
            description: String? = nil, healthCheck: String? = nil, secondaryRegion: String? = nil,
            replicationEnabled: Bool? = nil, eventBusArns: [String]? = nil, roleArn: String? = nil
        ) {
            self.description = description
            self.healthCheck = healthCheck
            self.secondaryRegion = secondaryRegion
            self.replicationEnabled = replicationEnabled
            self.eventBusArns = eventBusArns
            self.roleArn = roleArn
        }
    }

    public func createEndpoint(named name: String, _ definition: EndpointDefinition, caller: Caller) async throws -> GlobalEndpoint {
        guard let healthCheck = definition.healthCheck, let secondaryRegion = definition.secondaryRegion,
              let eventBusArns = definition.eventBusArns else {
            throw ServiceError.validation("RoutingConfig and EventBuses are required.")
        }
        var endpoint = GlobalEndpoint(
            name: name, owner: caller, healthCheck: healthCheck, secondaryRegion: secondaryRegion,
            // Replication is on unless the request turns it off, as on AWS.
            replicationEnabled: definition.replicationEnabled ?? true, eventBusArns: eventBusArns,
            endpointId: GlobalEndpoint.newId(), creationTime: clock.now)
        endpoint.description = definition.description
        endpoint.roleArn = definition.roleArn
        try Self.validate(endpoint)
        return try await store.write { [endpoint] store in
            if try await store.endpoints.endpoint(named: name, owner: caller) != nil {
                throw ServiceError.resourceAlreadyExists("Endpoint \(name) already exists.")
            }
            guard try await store.endpoints.endpoints(owner: caller).count < Self.maximumEndpoints else {
                throw ServiceError.limitExceeded
            }
            try await store.endpoints.save(endpoint)
            return endpoint
        }
    }

    /// `homeRegion` finds an endpoint of the caller's account whose home is another Region.
    public func describeEndpoint(named name: String, homeRegion: String?, caller: Caller) async throws -> GlobalEndpoint {
        let owner = Caller(account: caller.account, region: homeRegion ?? caller.region)
        guard let endpoint = try await store.read({ try await $0.endpoints.endpoint(named: name, owner: owner) }) else {
            throw ServiceError.endpointNotFound(name)
        }
        return endpoint
    }

    public func listEndpoints(
        namePrefix: String?, homeRegion: String?, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<GlobalEndpoint> {
        let owner = Caller(account: caller.account, region: homeRegion ?? caller.region)
        let endpoints = try await store.read { try await $0.endpoints.endpoints(owner: owner) }
            .filter { $0.name.hasPrefix(namePrefix ?? "") }
        return try Page(endpoints, key: \.name, after: nextToken, limit: limit)
    }

    public func updateEndpoint(named name: String, _ definition: EndpointDefinition, caller: Caller) async throws -> GlobalEndpoint {
        let modified = clock.now
        return try await store.write { store in
            guard var endpoint = try await store.endpoints.endpoint(named: name, owner: caller) else {
                throw ServiceError.endpointNotFound(name)
            }
            endpoint.description = definition.description ?? endpoint.description
            endpoint.healthCheck = definition.healthCheck ?? endpoint.healthCheck
            endpoint.secondaryRegion = definition.secondaryRegion ?? endpoint.secondaryRegion
            endpoint.replicationEnabled = definition.replicationEnabled ?? endpoint.replicationEnabled
            endpoint.eventBusArns = definition.eventBusArns ?? endpoint.eventBusArns
            endpoint.roleArn = definition.roleArn ?? endpoint.roleArn
            endpoint.lastModifiedTime = modified
            try Self.validate(endpoint)
            try await store.endpoints.save(endpoint)
            return endpoint
        }
    }

    public func deleteEndpoint(named name: String, caller: Caller) async throws {
        try await store.write { store in
            guard try await store.endpoints.endpoint(named: name, owner: caller) != nil else {
                throw ServiceError.endpointNotFound(name)
            }
            try await store.endpoints.deleteEndpoint(named: name, owner: caller)
        }
    }

    /// Switchyard's stand-in for a Route 53 health check's status: the primary Region
    /// of every endpoint on this check is healthy, or not, until set again.
    public func setHealthCheckStatus(_ healthCheckArn: String, isHealthy: Bool) async throws {
        guard healthCheckArn.wholeMatch(of: /arn:aws[a-z\-]*:route53:::healthcheck\/[\-a-z0-9]+/) != nil else {
            throw ServiceError.validation("Parameter HealthCheck is not valid. Reason: it is not a Route 53 health check ARN.")
        }
        try await store.write { try await $0.endpoints.setHealthCheck(healthCheckArn, isHealthy: isHealthy) }
    }

    /// AWS's quota of endpoints per account and Region.
    static let maximumEndpoints = 100

    /// What the service model cannot say: the two buses are one name in the home and
    /// the secondary Region of the caller's account. AWS's wordings are unrecorded.
    static func validate(_ endpoint: GlobalEndpoint) throws(ServiceError) {
        guard endpoint.secondaryRegion != endpoint.owner.region else {
            throw .validation("The secondary Region must differ from the endpoint's Region, \(endpoint.owner.region).")
        }
        let buses = endpoint.eventBusArns.compactMap { ResourceName.parse($0) }
        let names = Set(buses.compactMap { bus -> String? in
            if case .eventBus(let name) = bus.resource { return name }
            return nil
        })
        guard buses.count == 2, names.count == 1, buses.allSatisfy({ $0.caller.account == endpoint.owner.account }),
              Set(buses.map(\.caller.region)) == [endpoint.owner.region, endpoint.secondaryRegion] else {
            throw .validation(
                "EventBuses must be two event buses of one name in account \(endpoint.owner.account): one in \(endpoint.owner.region), the endpoint's Region, and one in \(endpoint.secondaryRegion), its secondary Region.")
        }
    }
}

extension ServiceError {
    static func endpointNotFound(_ name: String) -> ServiceError {
        .resourceNotFound("Endpoint \(name) does not exist.")
    }
}
