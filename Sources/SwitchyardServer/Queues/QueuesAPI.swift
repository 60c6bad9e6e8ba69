import EventPatterns
import Foundation
import Switchyard

/// The `AmazonSQS.*` operations of the queue service, over AWS JSON 1.0.
struct QueuesAPI: Sendable {
    let queues: QueueService

    func handle(_ operation: String, _ input: JSONValue, request: ServiceRequest) async throws -> JSONValue {
        let caller = request.caller
        func queueArn() async throws -> String {
            try await queues.queueArn(url: input.string("QueueUrl"), caller: caller, action: Self.action(of: operation))
        }
        func url(_ queue: Queue) -> JSONValue { JSONValue("http://\(request.host)/\(queue.owner.account)/\(queue.name)") }

        switch operation {
        case "CreateQueue":
            let queue = try await queues.createQueue(named: input.string("QueueName"), attributes: input.stringMap("Attributes"), caller: caller)
            return .structure(["QueueUrl": url(queue)])
        case "GetQueueUrl":
            let owner = Caller(account: input["QueueOwnerAWSAccountId"]?.stringValue ?? caller.account, region: caller.region)
            let arn = Queue.arn(input.string("QueueName"), owner)
            // Another account's queue is found only by those its policy lets find it.
            guard try await queues.queue(arn, allows: caller, "sqs:GetQueueUrl") else { throw QueueError.queueDoesNotExist }
            let queue = try await queues.queue(arn: arn)
            return .structure(["QueueUrl": url(queue)])
        case "ListQueues":
            let limit = input["MaxResults"]?.intValue
            if let limit, !(1...1_000).contains(limit) {
                throw QueueError.invalidParameterValue(
                    "Value \(limit) for parameter MaxResults is invalid. Reason: Must be between 1 and 1000, if provided.")
            }
            let page = try await queues.listQueues(
                namePrefix: input["QueueNamePrefix"]?.stringValue, nextToken: input["NextToken"]?.stringValue,
                limit: limit, caller: caller)
            return .structure([
                "QueueUrls": page.items.isEmpty ? nil : .array(page.items.map(url)),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "GetQueueAttributes":
            let names = (input["AttributeNames"]?.arrayValue ?? []).compactMap(\.stringValue)
            let attributes = try await queues.attributes(ofQueue: try await queueArn(), names: names)
            return .structure(["Attributes": attributes.isEmpty ? nil : .object(attributes.sorted { $0.key < $1.key }.map {
                JSONValue.Member(key: $0.key, value: JSONValue($0.value))
            })])
        case "SetQueueAttributes":
            try await queues.setAttributes(input.stringMap("Attributes"), ofQueue: try await queueArn())
            return .object([])
        case "DeleteQueue":
            try await queues.deleteQueue(arn: try await queueArn())
            return .object([])
        case "PurgeQueue":
            try await queues.purgeQueue(arn: try await queueArn())
            return .object([])

        case "SendMessage":
            // A missing queue comes back as this message's own error.
            let sent = try await queues.send([(try await queueArn(), input.outgoingMessage)])[0].get()
            return sent.sendResult
        case "SendMessageBatch":
            let arn = try await queueArn()
            _ = try await queues.queue(arn: arn)
            let entries = try Self.batchEntries(input)
            let size = entries.reduce(0) { $0 + ($1["MessageBody"]?.stringValue?.utf8.count ?? 0) }
            guard size <= 262_144 else {
                throw QueueError("BatchRequestTooLong", queryCode: "AWS.SimpleQueueService.BatchRequestTooLong",
                                 "Batch requests cannot be longer than 262144 bytes. You have sent \(size) bytes.")
            }
            let sent = try await queues.send(entries.map { (arn, $0.outgoingMessage) })
            return Self.batchResult(entries, sent) { $0.sendResult }
        case "ReceiveMessage":
            let maximum = input["MaxNumberOfMessages"]?.intValue ?? 1
            guard (1...10).contains(maximum) else {
                throw QueueError.invalidParameterValue(
                    "Value \(maximum) for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.")
            }
            let wait = input["WaitTimeSeconds"]?.intValue
            if let wait, !(0...20).contains(wait) {
                throw QueueError.invalidParameterValue(
                    "Value \(wait) for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.")
            }
            let visibility = input["VisibilityTimeout"]?.intValue
            if let visibility, !(0...43_200).contains(visibility) {
                throw QueueError.invalidParameterValue(
                    "Value \(visibility) for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.")
            }
            let messages = try await queues.receive(
                fromQueue: try await queueArn(), maximum: maximum, visibilityTimeout: visibility,
                waitTime: wait)
            let systemNames = Set(((input["AttributeNames"]?.arrayValue ?? []) + (input["MessageSystemAttributeNames"]?.arrayValue ?? []))
                .compactMap(\.stringValue))
            let attributeNames = (input["MessageAttributeNames"]?.arrayValue ?? []).compactMap(\.stringValue)
            return .structure([
                "Messages": messages.isEmpty ? nil : .array(messages.map { $0.received(systemNames: systemNames, attributeNames: attributeNames) }),
            ])
        case "DeleteMessage":
            try await queues.deleteMessage(inQueue: try await queueArn(), receiptHandle: input.string("ReceiptHandle"))
            return .object([])
        case "DeleteMessageBatch":
            let arn = try await queueArn()
            let entries = try Self.batchEntries(input)
            let results = try await queues.deleteMessages(
                inQueue: arn, receiptHandles: entries.map { $0.string("ReceiptHandle") })
            return Self.batchResult(entries, results) { _ in .object([]) }
        case "ChangeMessageVisibility":
            try await queues.changeVisibility(
                inQueue: try await queueArn(), receiptHandle: input.string("ReceiptHandle"),
                timeout: input["VisibilityTimeout"]?.intValue ?? 0)
            return .object([])

        default:
            throw QueueError("UnsupportedOperation", queryCode: "AWS.SimpleQueueService.UnsupportedOperation",
                             "Switchyard does not support \(operation) yet.")
        }
    }

    /// A batch's entries, with SQS's checks on their number and ids.
    /// The IAM action an operation is authorised as: a batch as its single form.
    static func action(of operation: String) -> String {
        "sqs:" + (operation.hasSuffix("Batch") ? String(operation.dropLast("Batch".count)) : operation)
    }

    static func batchEntries(_ input: JSONValue) throws -> [JSONValue] {
        let entries = input["Entries"]?.arrayValue ?? []
        guard !entries.isEmpty else { throw QueueError.emptyBatchRequest }
        guard entries.count <= 10 else { throw QueueError.tooManyEntriesInBatchRequest }
        var seen: Set<String> = []
        for entry in entries {
            let id = entry.string("Id")
            guard seen.insert(id).inserted else { throw QueueError.batchEntryIdsNotDistinct(id) }
        }
        return entries
    }

    /// `Successful` and `Failed`, each entry under its batch `Id`.
    static func batchResult<Success>(
        _ entries: [JSONValue], _ results: [Result<Success, QueueError>], success: (Success) -> JSONValue
    ) -> JSONValue {
        var successful: [JSONValue] = []
        var failed: [JSONValue] = []
        for (entry, result) in zip(entries, results) {
            let id = JSONValue.Member(key: "Id", value: JSONValue(entry.string("Id")))
            switch result {
            case .success(let value):
                successful.append(.object([id] + (success(value).members ?? [])))
            case .failure(let error):
                failed.append(.object([id] + (JSONValue.structure([
                    "SenderFault": .bool(true), "Code": JSONValue(error.code), "Message": JSONValue(error.message),
                ]).members ?? [])))
            }
        }
        return .structure(["Successful": .array(successful), "Failed": .array(failed)])
    }
}

extension JSONValue {
    func stringMap(_ key: String) -> [String: String] {
        Dictionary((self[key]?.members ?? []).compactMap { member in member.value.stringValue.map { (member.key, $0) } }) { _, last in last }
    }

    var outgoingMessage: OutgoingMessage {
        OutgoingMessage(
            body: self["MessageBody"]?.stringValue ?? "",
            messageAttributes: self["MessageAttributes"].flatMap { $0.members?.isEmpty == false ? $0 : nil },
            delaySeconds: self["DelaySeconds"]?.intValue,
            messageGroupId: self["MessageGroupId"]?.stringValue,
            messageDeduplicationId: self["MessageDeduplicationId"]?.stringValue,
            traceHeader: self["MessageSystemAttributes"]?["AWSTraceHeader"]?["StringValue"]?.stringValue)
    }
}

extension QueueMessage {
    var sendResult: JSONValue {
        .structure([
            "MD5OfMessageBody": JSONValue(md5OfBody),
            "MD5OfMessageAttributes": md5OfMessageAttributes.map(JSONValue.init),
            "MessageId": JSONValue(id),
            "SequenceNumber": systemAttributes["SequenceNumber"].map(JSONValue.init),
        ])
    }

    /// The message as ReceiveMessage returns it, with the system attributes and
    /// message attributes the request named (`All`, `.*` or a `prefix.*` included).
    func received(systemNames: Set<String>, attributeNames: [String]) -> JSONValue {
        let system = allSystemAttributes.filter { systemNames.contains("All") || systemNames.contains($0.key) }
        let chosen = (messageAttributes?.members ?? []).filter { member in
            attributeNames.contains { name in
                name == "All" || name == ".*" || name == member.key
                    || (name.hasSuffix(".*") && member.key.hasPrefix(String(name.dropLast(1))))
            }
        }
        return .structure([
            "MessageId": JSONValue(id),
            "ReceiptHandle": receiptHandle.map(JSONValue.init),
            "MD5OfBody": JSONValue(md5OfBody),
            "Body": JSONValue(body),
            "Attributes": system.isEmpty ? nil : .object(system.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: JSONValue($0.value)) }),
            "MD5OfMessageAttributes": chosen.isEmpty ? nil : md5OfMessageAttributes.map(JSONValue.init),
            "MessageAttributes": chosen.isEmpty ? nil : .object(chosen),
        ])
    }
}
