public import EventPatterns
public import Foundation

/// One message in a queue.
public struct QueueMessage: Sendable, Equatable {
    public var id: String
    public var queueArn: String
    public var body: String
    public var md5OfBody: String
    /// The `MessageAttributes` map as sent, and its digest.
    public var messageAttributes: JSONValue?
    public var md5OfMessageAttributes: String?
    /// System attributes fixed at send time: SenderId, SentTimestamp, MessageGroupId,
    /// MessageDeduplicationId, SequenceNumber, AWSTraceHeader.
    public var systemAttributes: [String: String]
    public var sentTime: Date
    public var visibleAt: Date
    public var receiveCount = 0
    public var firstReceiveTime: Date?
    public var receiptHandle: String?

    /// A message as stored, digests included.
    public init(
        id: String, queueArn: String, body: String, md5OfBody: String, messageAttributes: JSONValue?,
        md5OfMessageAttributes: String?, systemAttributes: [String: String], sentTime: Date, visibleAt: Date
    ) {
        self.id = id
        self.queueArn = queueArn
        self.body = body
        self.md5OfBody = md5OfBody
        self.messageAttributes = messageAttributes
        self.md5OfMessageAttributes = md5OfMessageAttributes
        self.systemAttributes = systemAttributes
        self.sentTime = sentTime
        self.visibleAt = visibleAt
    }

    /// A new message, with the digests SQS computes when it is sent.
    static func sent(
        id: String, queueArn: String, body: String, messageAttributes: JSONValue?, systemAttributes: [String: String],
        sentTime: Date, visibleAt: Date
    ) -> QueueMessage {
        QueueMessage(
            id: id, queueArn: queueArn, body: body, md5OfBody: MessageDigest.md5(of: body),
            messageAttributes: messageAttributes,
            md5OfMessageAttributes: messageAttributes.flatMap(MessageDigest.md5(ofMessageAttributes:)),
            systemAttributes: systemAttributes, sentTime: sentTime, visibleAt: visibleAt)
    }

    /// The message as a receive takes it: counted, hidden until `invisibleUntil`,
    /// under a fresh receipt handle. Stores write back what this changes.
    public mutating func receive(at now: Date, invisibleUntil: Date) {
        receiveCount += 1
        firstReceiveTime = firstReceiveTime ?? now
        receiptHandle = ReceiptHandle.make(messageId: id)
        visibleAt = invisibleUntil
    }

    /// Every system attribute as ReceiveMessage reports it, times in epoch milliseconds.
    public var allSystemAttributes: [String: String] {
        var attributes = systemAttributes
        attributes["ApproximateReceiveCount"] = String(receiveCount)
        if let firstReceiveTime {
            attributes["ApproximateFirstReceiveTimestamp"] = String(Int64(firstReceiveTime.timeIntervalSince1970 * 1000))
        }
        return attributes
    }
}
