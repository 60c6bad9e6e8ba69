public import Foundation

/// An archive of a bus's events. As on AWS, it is fed by a rule EventBridge
/// manages on the bus, `Events-Archive-<name>`, whose pattern is the archive's
/// with `"replay-name": [{"exists": false}]` added, so that replayed events are
/// never archived again.
public struct Archive: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case enabled = "ENABLED"
        case disabled = "DISABLED"
        case creating = "CREATING"
        case updating = "UPDATING"
        case createFailed = "CREATE_FAILED"
        case updateFailed = "UPDATE_FAILED"
    }

    /// The principal AWS names as the manager of an archive's rule.
    public static let managingPrincipal = "prod.vhs.events.aws.internal"
    static let rulePrefix = "Events-Archive-"

    public var name: String
    public var owner: Caller
    public var eventSourceArn: String
    public var description: String?
    public var eventPattern: String?
    /// Days an event is kept; 0 keeps it forever.
    public var retentionDays: Int
    public var kmsKeyIdentifier: String?
    public var state: State
    public var creationTime: Date

    public init(name: String, owner: Caller, eventSourceArn: String, retentionDays: Int, creationTime: Date) {
        self.name = name
        self.owner = owner
        self.eventSourceArn = eventSourceArn
        self.retentionDays = retentionDays
        self.state = .enabled
        self.creationTime = creationTime
    }

    public var arn: String { Self.arn(name, owner) }

    public static func arn(_ name: String, _ owner: Caller) -> String {
        "arn:aws:events:\(owner.region):\(owner.account):archive/\(name)"
    }

    /// The rule that feeds the archive, and the target through which it does.
    public var ruleName: String { Self.rulePrefix + name }

    /// The ARN of the archive that a target of an archive's rule feeds (its Id
    /// names the archive); nil for any other target.
    static func arn(fedBy target: Target, ofRule ruleArn: String) -> String? {
        guard target.id.hasPrefix(rulePrefix), let owner = ResourceName.parse(ruleArn)?.caller, target.arn == feedArn(owner) else {
            return nil
        }
        return arn(String(target.id.dropFirst(rulePrefix.count)), owner)
    }

    /// The target ARN AWS gives an archive's rule: the events service of the Region.
    static func feedArn(_ owner: Caller) -> String { "arn:aws:events:\(owner.region):::" }
}

/// One event an archive keeps, numbered in the order it was archived.
public struct ArchivedEvent: Sendable, Equatable {
    public var archiveArn: String
    public var sequence: Int64
    public var eventId: String
    /// When the bus received the event; replays select and order by it.
    public var receivedTime: Date
    public var text: String

    public init(archiveArn: String, sequence: Int64 = 0, eventId: String, receivedTime: Date, text: String) {
        self.archiveArn = archiveArn
        self.sequence = sequence
        self.eventId = eventId
        self.receivedTime = receivedTime
        self.text = text
    }

    public var sizeBytes: Int { text.utf8.count }
}
