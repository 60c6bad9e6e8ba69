public import Foundation

/// A queue of the SQS-compatible queue service: where `arn:aws:sqs:…` targets and
/// dead-letter queues deliver, and what `aws sqs receive-message` reads.
public struct Queue: Sendable, Equatable {
    public var name: String
    public var owner: Caller
    /// The attributes set by CreateQueue and SetQueueAttributes, by SQS name.
    public var attributes: [String: String]
    public var createdTimestamp: Date
    public var lastModifiedTimestamp: Date

    public init(name: String, owner: Caller, attributes: [String: String], createdTimestamp: Date) {
        self.name = name
        self.owner = owner
        self.attributes = attributes
        self.createdTimestamp = createdTimestamp
        self.lastModifiedTimestamp = createdTimestamp
    }

    public var arn: String { Self.arn(name, owner) }

    public static func arn(_ name: String, _ owner: Caller) -> String {
        "arn:aws:sqs:\(owner.region):\(owner.account):\(name)"
    }

    public var isFIFO: Bool { name.hasSuffix(".fifo") }
    public var visibilityTimeout: Int { integer("VisibilityTimeout") }
    public var delaySeconds: Int { integer("DelaySeconds") }
    public var receiveMessageWaitTimeSeconds: Int { integer("ReceiveMessageWaitTimeSeconds") }
    public var messageRetentionPeriod: Int { integer("MessageRetentionPeriod") }
    public var maximumMessageSize: Int { integer("MaximumMessageSize") }
    public var contentBasedDeduplication: Bool { attributes["ContentBasedDeduplication"] == "true" }

    private func integer(_ name: String) -> Int {
        attributes[name].flatMap { Int($0) } ?? Int(Self.defaultAttributes[name]!)!
    }

    /// What every queue has unless CreateQueue or SetQueueAttributes says otherwise.
    static let defaultAttributes = [
        "VisibilityTimeout": "30",
        "DelaySeconds": "0",
        "ReceiveMessageWaitTimeSeconds": "0",
        "MessageRetentionPeriod": "345600",
        "MaximumMessageSize": "262144",
        "SqsManagedSseEnabled": "true",
    ]

    /// How many messages are waiting, being processed, or not yet visible after a delay.
    public struct MessageCounts: Sendable, Equatable {
        public var visible: Int
        public var inFlight: Int
        public var delayed: Int

        public init(visible: Int, inFlight: Int, delayed: Int) {
            self.visible = visible
            self.inFlight = inFlight
            self.delayed = delayed
        }
    }
}
