import EventPatterns
import Foundation
import Switchyard

/// The `AWSEvents.*` operations: each reads its request's members (already checked
/// against the service model), calls the control plane, and answers with the
/// members AWS's response has, leaving out those without a value.
struct EventsAPI: Sendable {
    let controlPlane: ControlPlane
    let dataPlane: DataPlane

    func handle(_ operation: String, _ input: JSONValue, caller: Caller, lineage: Lineage = .none) async throws -> JSONValue {
        switch operation {
        case "CreateEventBus":
            let bus = try await controlPlane.createEventBus(
                name: input.string("Name"), eventSourceName: input["EventSourceName"]?.stringValue,
                settings: input.eventBusSettings, tags: input.tags("Tags"), caller: caller)
            return bus.json(as: .created)
        case "DescribeEventBus":
            let bus = try await controlPlane.describeEventBus(input["Name"]?.stringValue, caller: caller)
            return bus.json(as: .described)
        case "ListEventBuses":
            let page = try await controlPlane.listEventBuses(
                namePrefix: input["NamePrefix"]?.stringValue, nextToken: input["NextToken"]?.stringValue,
                limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "EventBuses": .array(page.items.map { $0.json(as: .listed) }),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "UpdateEventBus":
            let bus = try await controlPlane.updateEventBus(
                input["Name"]?.stringValue, settings: input.eventBusSettings, caller: caller)
            return bus.json(as: .updated)
        case "DeleteEventBus":
            try await controlPlane.deleteEventBus(input.string("Name"), caller: caller)
            return .object([])

        case "PutRule":
            let definition = ControlPlane.RuleDefinition(
                eventPattern: input["EventPattern"]?.stringValue,
                scheduleExpression: input["ScheduleExpression"]?.stringValue,
                state: input["State"]?.stringValue.flatMap(Rule.State.init(rawValue:)),
                description: input["Description"]?.stringValue,
                roleArn: input["RoleArn"]?.stringValue)
            let rule = try await controlPlane.putRule(
                input.string("Name"), onBus: input["EventBusName"]?.stringValue, definition,
                tags: input.tags("Tags"), caller: caller)
            return .structure(["RuleArn": JSONValue(rule.arn)])
        case "DescribeRule":
            let rule = try await controlPlane.describeRule(
                input.string("Name"), onBus: input["EventBusName"]?.stringValue, caller: caller)
            return rule.json(including: .describe)
        case "ListRules":
            let page = try await controlPlane.listRules(
                namePrefix: input["NamePrefix"]?.stringValue, onBus: input["EventBusName"]?.stringValue,
                nextToken: input["NextToken"]?.stringValue, limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "Rules": .array(page.items.map { $0.json(including: .list) }),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "EnableRule", "DisableRule":
            try await controlPlane.setRuleState(
                input.string("Name"), onBus: input["EventBusName"]?.stringValue,
                to: operation == "EnableRule" ? .enabled : .disabled, caller: caller)
            return .object([])
        case "DeleteRule":
            try await controlPlane.deleteRule(
                input.string("Name"), onBus: input["EventBusName"]?.stringValue,
                force: input["Force"]?.boolValue ?? false, caller: caller)
            return .object([])
        case "ListRuleNamesByTarget":
            let page = try await controlPlane.listRuleNamesByTarget(
                input.string("TargetArn"), onBus: input["EventBusName"]?.stringValue,
                nextToken: input["NextToken"]?.stringValue, limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "RuleNames": .array(page.items.map(JSONValue.init)),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])

        case "PutTargets":
            let targets = (input["Targets"]?.arrayValue ?? []).map(Target.init(definition:))
            let failed = try await controlPlane.putTargets(
                targets, rule: input.string("Rule"), onBus: input["EventBusName"]?.stringValue, caller: caller)
            return .structure([
                "FailedEntryCount": JSONValue(failed.count),
                "FailedEntries": .array(failed.map { entry in
                    .structure([
                        "TargetId": JSONValue(entry.targetId),
                        "ErrorCode": JSONValue(entry.errorCode),
                        "ErrorMessage": JSONValue(entry.errorMessage),
                    ])
                }),
            ])
        case "RemoveTargets":
            try await controlPlane.removeTargets(
                (input["Ids"]?.arrayValue ?? []).compactMap(\.stringValue), rule: input.string("Rule"),
                onBus: input["EventBusName"]?.stringValue, force: input["Force"]?.boolValue ?? false, caller: caller)
            return .structure(["FailedEntryCount": JSONValue(0), "FailedEntries": .array([])])
        case "ListTargetsByRule":
            let page = try await controlPlane.listTargets(
                rule: input.string("Rule"), onBus: input["EventBusName"]?.stringValue,
                nextToken: input["NextToken"]?.stringValue, limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "Targets": .array(page.items.map(\.definition)),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])

        case "PutEvents":
            return try await dataPlane.putEvents(
                (input["Entries"]?.arrayValue ?? []).map(\.putEventsEntry), caller: caller, lineage: lineage,
                endpointId: input["EndpointId"]?.stringValue).json

        case "TestEventPattern":
            let result = try controlPlane.testEventPattern(input.string("EventPattern"), event: input.string("Event"))
            return .structure(["Result": .bool(result)])

        case "TagResource":
            try await controlPlane.tagResource(input.string("ResourceARN"), tags: input.tags("Tags"), caller: caller)
            return .object([])
        case "UntagResource":
            try await controlPlane.untagResource(
                input.string("ResourceARN"), keys: (input["TagKeys"]?.arrayValue ?? []).compactMap(\.stringValue),
                caller: caller)
            return .object([])
        case "ListTagsForResource":
            let tags = try await controlPlane.tags(of: input.string("ResourceARN"), caller: caller)
            return .structure(["Tags": .array(tags.map { .structure(["Key": JSONValue($0.key), "Value": JSONValue($0.value)]) })])

        case "PutPermission":
            try await controlPlane.putPermission(
                try input.permission, onBus: input["EventBusName"]?.stringValue, caller: caller)
            return .object([])
        case "RemovePermission":
            try await controlPlane.removePermission(
                statementId: input["StatementId"]?.stringValue,
                removeAll: input["RemoveAllPermissions"]?.boolValue ?? false,
                onBus: input["EventBusName"]?.stringValue, caller: caller)
            return .object([])

        case _ where Self.archiveOperations.contains(operation):
            return try await handleArchives(operation, input, caller: caller)
        case _ where Self.connectionOperations.contains(operation):
            return try await handleConnections(operation, input, caller: caller)
        case _ where Self.partnerSourceOperations.contains(operation):
            return try await handlePartnerSources(operation, input, caller: caller)
        case _ where Self.endpointOperations.contains(operation):
            return try await handleEndpoints(operation, input, caller: caller)

        default:
            throw ServiceError(
                code: "UnsupportedOperation", httpStatus: 400,
                message: "Switchyard does not support \(operation) yet.")
        }
    }
}
