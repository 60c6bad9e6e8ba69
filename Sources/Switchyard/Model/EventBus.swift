public import Foundation

/// An event bus: the `default` bus every account has in every Region, a custom bus,
/// or a partner bus matched to a partner event source.
public struct EventBus: Sendable, Equatable {
    public var name: String
    public var owner: Caller
    public var description: String?
    public var kmsKeyIdentifier: String?
    public var deadLetterConfig: DeadLetterConfig?
    public var logConfig: LogConfig?
    public var eventSourceName: String?
    public var policy: EventBusPolicy?
    public var creationTime: Date
    public var lastModifiedTime: Date

    public init(name: String, owner: Caller, creationTime: Date) {
        self.name = name
        self.owner = owner
        self.creationTime = creationTime
        self.lastModifiedTime = creationTime
    }

    public var arn: String { ResourceName.eventBus(name, owner) }
    public var isDefault: Bool { name == ResourceName.defaultEventBus }
}

/// Where events that cannot be delivered go: an SQS queue's ARN.
public struct DeadLetterConfig: Sendable, Hashable, Codable {
    public var arn: String?

    public init(arn: String?) {
        self.arn = arn
    }
}

/// How much of each event a bus logs, and at which level.
public struct LogConfig: Sendable, Hashable, Codable {
    public var includeDetail: String?
    public var level: String?

    public init(includeDetail: String?, level: String?) {
        self.includeDetail = includeDetail
        self.level = level
    }
}
