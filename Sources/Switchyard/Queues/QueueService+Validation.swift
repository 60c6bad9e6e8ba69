import Crypto
import Foundation

extension QueueService {
    /// Every attribute name GetQueueAttributes knows.
    static let queueAttributeNames: Set<String> = [
        "All", "Policy", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod",
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp",
        "LastModifiedTimestamp", "QueueArn", "ApproximateNumberOfMessagesDelayed", "DelaySeconds",
        "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "FifoQueue", "ContentBasedDeduplication",
        "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "DeduplicationScope", "FifoThroughputLimit",
        "RedriveAllowPolicy", "SqsManagedSseEnabled",
    ]

    /// The attributes CreateQueue and SetQueueAttributes take, with the range of the numeric ones.
    static let settableAttributes: [String: ClosedRange<Int>?] = [
        "DelaySeconds": 0...900, "MaximumMessageSize": 1_024...1_048_576, "MessageRetentionPeriod": 60...1_209_600,
        "ReceiveMessageWaitTimeSeconds": 0...20, "VisibilityTimeout": 0...43_200,
        "KmsDataKeyReusePeriodSeconds": 60...86_400,
        "Policy": nil, "RedrivePolicy": nil, "RedriveAllowPolicy": nil, "KmsMasterKeyId": nil,
        "SqsManagedSseEnabled": nil, "FifoQueue": nil, "ContentBasedDeduplication": nil,
        "DeduplicationScope": nil, "FifoThroughputLimit": nil,
    ]

    static let fifoOnlyAttributes: Set<String> = ["ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]

    static func validateQueueName(_ name: String, fifo: Bool) throws(QueueError) {
        let base = name.hasSuffix(".fifo") ? String(name.dropLast(5)) : name
        guard (1...80).contains(name.count),
              base.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw .invalidParameterValue(
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
        }
        guard fifo == name.hasSuffix(".fifo") else {
            throw .invalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")
        }
    }

    static func validated(_ attributes: [String: String], forFIFO isFIFO: Bool) throws(QueueError) -> [String: String] {
        for (name, value) in attributes {
            guard let range = settableAttributes[name] else { throw .invalidAttributeName(name) }
            if fifoOnlyAttributes.contains(name) && !isFIFO { throw .invalidAttributeName(name) }
            if let range, !(Int(value).map(range.contains) ?? false) { throw .invalidAttributeValue(name) }
            if ["FifoQueue", "ContentBasedDeduplication", "SqsManagedSseEnabled"].contains(name), value != "true", value != "false" {
                throw .invalidAttributeValue(name)
            }
        }
        return attributes
    }

    /// A message as SQS would store it, or the reason SQS refuses it.
    static func message(_ outgoing: OutgoingMessage, for queue: Queue, at now: Date) throws(QueueError) -> QueueMessage {
        guard !outgoing.body.isEmpty else {
            throw .invalidParameterValue("The request must contain the parameter MessageBody.")
        }
        guard outgoing.body.unicodeScalars.allSatisfy(isAllowedInMessage) else {
            throw QueueError("InvalidMessageContents", "Invalid characters found. Deleted message body: \(outgoing.body)")
        }
        let size = outgoing.body.utf8.count + (outgoing.messageAttributes?.jsonText.utf8.count ?? 0)
        guard size <= queue.maximumMessageSize else {
            throw .invalidParameterValue(
                "One or more parameters are invalid. Reason: Message must be shorter than \(queue.maximumMessageSize) bytes.")
        }
        var system = ["SenderId": queue.owner.account, "SentTimestamp": String(Int64(now.timeIntervalSince1970 * 1000))]
        system["AWSTraceHeader"] = outgoing.traceHeader
        if queue.isFIFO {
            guard let group = outgoing.messageGroupId else { throw .missingParameter("MessageGroupId") }
            guard outgoing.delaySeconds == nil || outgoing.delaySeconds == 0 else {
                throw .invalidParameterValue(
                    "Value \(outgoing.delaySeconds!) for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.")
            }
            let deduplicationId = outgoing.messageDeduplicationId
                ?? (queue.contentBasedDeduplication ? sha256(outgoing.body) : nil)
            guard let deduplicationId else {
                throw .invalidParameterValue(
                    "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
            }
            system["MessageGroupId"] = group
            system["MessageDeduplicationId"] = deduplicationId
        } else if outgoing.messageGroupId != nil || outgoing.messageDeduplicationId != nil {
            throw .invalidParameterValue(
                "Value for parameter MessageGroupId is invalid. Reason: The request include parameter that is not valid for this queue type.")
        }
        let delay = outgoing.delaySeconds ?? queue.delaySeconds
        guard (0...900).contains(delay) else {
            throw .invalidParameterValue(
                "Value \(delay) for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.")
        }
        return QueueMessage.sent(
            id: UUID().uuidString.lowercased(), queueArn: queue.arn, body: outgoing.body,
            messageAttributes: outgoing.messageAttributes, systemAttributes: system, sentTime: now,
            visibleAt: now.addingTimeInterval(TimeInterval(delay)))
    }

    /// FIFO queues accept a deduplication id once per five minutes.
    static func deduplicated(
        _ deduplicationId: String, in queue: Queue, pending: [QueueMessage], store: any StoreWriter, now: Date
    ) async throws -> String? {
        if let earlier = pending.first(where: { $0.queueArn == queue.arn && $0.systemAttributes["MessageDeduplicationId"] == deduplicationId }) {
            return earlier.id
        }
        return try await store.queues.deduplicatedMessageId(inQueue: queue.arn, deduplicationId: deduplicationId, since: now.addingTimeInterval(-Retention.deduplicationInterval))
    }

    /// SQS allows #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
    static func isAllowedInMessage(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    static func sha256(_ text: String) -> String {
        MessageDigest.hex(SHA256.hash(data: Array(text.utf8)))
    }
}

/// Receipt handles: opaque to clients, but SQS tells a malformed one from a stale one.
public enum ReceiptHandle {
    public static func make(messageId: String) -> String {
        Data("\(messageId) \(UUID().uuidString)".utf8).base64EncodedString()
    }

    public static func isWellFormed(_ handle: String) -> Bool {
        guard let data = Data(base64Encoded: handle) else { return false }
        return String(decoding: data, as: UTF8.self).split(separator: " ").count == 2
    }
}
