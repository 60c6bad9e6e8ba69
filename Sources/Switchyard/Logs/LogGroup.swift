public import Foundation

/// A log group of the CloudWatch-Logs-compatible service: what `arn:aws:logs:…`
/// targets write to, and what `aws logs` reads.
public struct LogGroup: Sendable, Equatable {
    public var name: String
    public var owner: Caller
    public var creationTime: Date

    public init(name: String, owner: Caller, creationTime: Date) {
        self.name = name
        self.owner = owner
        self.creationTime = creationTime
    }

    /// The ARN without the `:*` that DescribeLogGroups' `arn` member adds.
    public var arn: String { Self.arn(name, owner) }

    public static func arn(_ name: String, _ owner: Caller) -> String {
        "arn:aws:logs:\(owner.region):\(owner.account):log-group:\(name)"
    }

    /// The group an `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` names.
    public static func named(byArn arn: String) -> (name: String, owner: Caller)? {
        let fields = arn.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard fields.count == 7, fields[0] == "arn", fields[2] == "logs", fields[5] == "log-group" else { return nil }
        var name = fields[6]
        if name.hasSuffix(":*") { name = name.dropLast(2) }
        return (String(name), Caller(account: String(fields[4]), region: String(fields[3])))
    }
}

/// A stream of log events within a group.
public struct LogStream: Sendable, Equatable {
    public var name: String
    public var creationTime: Date
    public var firstEventTimestamp: Int64?
    public var lastEventTimestamp: Int64?
    public var lastIngestionTime: Int64?

    public init(name: String, creationTime: Date) {
        self.name = name
        self.creationTime = creationTime
    }
}

/// One log event: timestamps are epoch milliseconds, as CloudWatch Logs keeps them.
public struct LogEvent: Sendable, Equatable {
    /// Orders the events of a group as they were stored; read tokens are built on it.
    public var sequence: Int64
    public var streamName: String
    public var timestamp: Int64
    public var ingestionTime: Int64
    public var message: String

    public init(sequence: Int64 = 0, streamName: String, timestamp: Int64, ingestionTime: Int64, message: String) {
        self.sequence = sequence
        self.streamName = streamName
        self.timestamp = timestamp
        self.ingestionTime = ingestionTime
        self.message = message
    }
}
