public import Foundation

/// An HTTP endpoint that rules can target, called through a connection.
public struct ApiDestination: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case active = "ACTIVE", inactive = "INACTIVE"
    }

    public var name: String
    public var owner: Caller
    public var resourceId: String
    public var description: String?
    public var connectionArn: String
    /// May hold `*` wildcards, filled from a target's `HttpParameters.PathParameterValues`.
    public var invocationEndpoint: String
    public var httpMethod: String
    public var invocationRateLimitPerSecond: Int?
    public var state: State
    public var creationTime: Date
    public var lastModifiedTime: Date

    public init(
        name: String, owner: Caller, resourceId: String, connectionArn: String, invocationEndpoint: String, httpMethod: String,
        creationTime: Date
    ) {
        self.name = name
        self.owner = owner
        self.resourceId = resourceId
        self.connectionArn = connectionArn
        self.invocationEndpoint = invocationEndpoint
        self.httpMethod = httpMethod
        self.state = .active
        self.creationTime = creationTime
        self.lastModifiedTime = creationTime
    }

    public var arn: String { "arn:aws:events:\(owner.region):\(owner.account):api-destination/\(name)/\(resourceId)" }
}
