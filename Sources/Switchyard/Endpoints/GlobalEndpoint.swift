public import Foundation

/// A global endpoint: one id that PutEvents names (`EndpointId`), routed to a bus in
/// the endpoint's home Region while its health check passes, and to the bus of the
/// same name in a secondary Region while it fails; with replication, the other
/// Region gets a copy of each event. On AWS the health check is a Route 53 health
/// check; here its state is what an operator last set (`SetHealthCheckStatus`),
/// healthy until then.
public struct GlobalEndpoint: Sendable, Equatable {
    public var name: String
    /// The account and the home Region.
    public var owner: Caller
    public var description: String?
    /// The Route 53 health check ARN of the primary Region.
    public var healthCheck: String
    /// The secondary Region.
    public var secondaryRegion: String
    public var replicationEnabled: Bool
    /// The two buses: one in the home Region, one in the secondary, of one name.
    public var eventBusArns: [String]
    public var roleArn: String?
    /// `abcde.xyz`: the subdomain of the endpoint's URL.
    public var endpointId: String
    public var creationTime: Date
    public var lastModifiedTime: Date

    public init(
        name: String, owner: Caller, healthCheck: String, secondaryRegion: String, replicationEnabled: Bool,
        eventBusArns: [String], endpointId: String, creationTime: Date
    ) {
        self.name = name
        self.owner = owner
        self.healthCheck = healthCheck
        self.secondaryRegion = secondaryRegion
        self.replicationEnabled = replicationEnabled
        self.eventBusArns = eventBusArns
        self.endpointId = endpointId
        self.creationTime = creationTime
        self.lastModifiedTime = creationTime
    }

    public var arn: String { "arn:aws:events:\(owner.region):\(owner.account):endpoint/\(name)" }

    /// As AWS forms it, from the SDKs' endpoint rules.
    public var url: String { "https://\(endpointId).endpoint.events.amazonaws.com" }

    /// The bus in the Region given, of the two.
    public func eventBusArn(in region: String) -> String? {
        eventBusArns.first { ResourceName.parse($0)?.caller.region == region }
    }

    /// A new id: five letters and digits, a dot, three more, as AWS's look.
    public static func newId() -> String {
        let characters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let part = { (count: Int) in String((0..<count).map { _ in characters.randomElement()! }) }
        return "\(part(5)).\(part(3))"
    }
}
