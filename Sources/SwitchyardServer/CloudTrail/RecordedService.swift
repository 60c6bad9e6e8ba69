import EventPatterns
import Switchyard

/// What CloudTrail knows of each service on the endpoint: its event source, which
/// of its operations are data events, and the resources a call names (as ARNs,
/// which trails' selectors and `LookupEvents` look for).
struct RecordedService: Sendable {
    var eventSource: String
    /// Operations CloudTrail logs as data events; every other is a management event.
    var dataOperations: Set<String>
    var resources: @Sendable (_ operation: String, _ input: JSONValue, _ caller: Caller) -> [CloudTrailRecord.Resource]

    /// By `X-Amz-Target` prefix. Switchyard's own operations are not AWS's, and are not recorded.
    static let byTargetPrefix: [String: RecordedService] = [
        ServiceModel.events.targetPrefix: events, ServiceModel.sqs.targetPrefix: sqs, ServiceModel.logs.targetPrefix: logs,
        ServiceModel.cloudtrail.targetPrefix: cloudtrail,
    ]

    /// CloudTrail's rule for read-only calls: they describe, list, get or look up.
    /// A receive reads too.
    static func isReadOnly(_ operation: String) -> Bool {
        ["Describe", "List", "Get", "Lookup", "Test", "Filter", "Receive"].contains { operation.hasPrefix($0) }
    }

    static let events = RecordedService(
        eventSource: "events.amazonaws.com",
        // Not recorded: the resource type CloudTrail gives PutEvents' data events.
        dataOperations: ["PutEvents", "PutPartnerEvents"]
    ) { operation, input, caller in
        func bus(_ name: String?) -> String {
            let name = name ?? "default"
            return name.hasPrefix("arn:") ? name : ResourceName.eventBus(name, caller)
        }
        if operation == "PutEvents" {
            let buses = Set((input["Entries"]?.arrayValue ?? []).map { bus($0["EventBusName"]?.stringValue) })
            return buses.sorted().map { .init(type: "AWS::Events::EventBus", name: $0) }
        }
        let busName = input["EventBusName"]?.stringValue.map { $0.hasPrefix("arn:") ? String($0.split(separator: "/").last ?? "") : $0 }
            ?? "default"
        let name = input["Name"]?.stringValue ?? input["Rule"]?.stringValue
        if operation.contains("Rule") || operation.hasSuffix("Targets") || operation == "ListTargetsByRule", let name {
            return [.init(type: "AWS::Events::Rule", name: ResourceName.rule(name, onBus: busName, caller))]
        }
        if operation.contains("EventBus"), let name = input["Name"]?.stringValue {
            return [.init(type: "AWS::Events::EventBus", name: bus(name))]
        }
        for (kind, member, path) in [("Archive", "ArchiveName", "archive"), ("Replay", "ReplayName", "replay"),
                                     ("ApiDestination", "Name", "api-destination"), ("Connection", "Name", "connection")]
        where operation.contains(kind) {
            guard let name = input[member]?.stringValue else { return [] }
            return [.init(type: "AWS::Events::\(kind)", name: "arn:aws:events:\(caller.region):\(caller.account):\(path)/\(name)")]
        }
        return []
    }

    static let sqs = RecordedService(
        eventSource: "sqs.amazonaws.com",
        dataOperations: [
            "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch",
            "ChangeMessageVisibility", "ChangeMessageVisibilityBatch",
        ]
    ) { _, input, caller in
        let name = input["QueueUrl"]?.stringValue.flatMap { $0.split(separator: "/").last.map(String.init) }
            ?? input["QueueName"]?.stringValue
        return name.map { [.init(type: "AWS::SQS::Queue", name: "arn:aws:sqs:\(caller.region):\(caller.account):\($0)")] } ?? []
    }

    static let logs = RecordedService(
        eventSource: "logs.amazonaws.com",
        // Not recorded: which CloudWatch Logs calls CloudTrail logs as data events.
        dataOperations: ["PutLogEvents", "GetLogEvents", "FilterLogEvents"]
    ) { _, input, caller in
        let name = input["logGroupName"]?.stringValue ?? input["logGroupIdentifier"]?.stringValue
        return name.map { [.init(type: "AWS::Logs::LogGroup", name: $0.hasPrefix("arn:") ? $0 : LogGroup.arn($0, caller))] } ?? []
    }

    static let cloudtrail = RecordedService(eventSource: "cloudtrail.amazonaws.com", dataOperations: []) { _, input, caller in
        guard let name = input["Name"]?.stringValue ?? input["TrailName"]?.stringValue else { return [] }
        return [.init(type: "AWS::CloudTrail::Trail", name: name.hasPrefix("arn:") ? name : Trail.arn(name, caller))]
    }
}
