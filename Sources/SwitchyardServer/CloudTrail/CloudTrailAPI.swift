import EventPatterns
import Foundation
import Switchyard

/// The CloudTrail operations users script against, over AWS JSON 1.1: trails, their
/// logging, selectors and tags, and event history. The rest of CloudTrail's API (Lake,
/// channels, Insights, dashboards) answers `UnsupportedOperationException`.
struct CloudTrailAPI: Sendable {
    let controlPlane: ControlPlane

    func handle(_ operation: String, _ input: JSONValue, caller: Caller) async throws -> JSONValue {
        switch operation {
        case "CreateTrail":
            return try await controlPlane.createTrail(input.string("Name"), input.trailSettings, tags: input.trailTags, caller: caller)
                .json(as: .changed)
        case "UpdateTrail":
            return try await controlPlane.updateTrail(input.string("Name"), input.trailSettings, caller: caller).json(as: .changed)
        case "DeleteTrail":
            try await controlPlane.deleteTrail(input.string("Name"), caller: caller)
            return .object([])
        case "DescribeTrails":
            let trails = try await controlPlane.describeTrails(
                input["trailNameList"]?.arrayValue?.compactMap(\.stringValue),
                includeShadowTrails: input["includeShadowTrails"]?.boolValue ?? true, caller: caller)
            return .structure(["trailList": .array(trails.map { $0.json(as: .described) })])
        case "GetTrail":
            return .structure(["Trail": try await controlPlane.trail(input.string("Name"), caller: caller).json(as: .described)])
        case "ListTrails":
            let page = try await controlPlane.listTrails(nextToken: input["NextToken"]?.stringValue, caller: caller)
            return .structure([
                "Trails": .array(page.items.map { trail in
                    .structure(["TrailARN": JSONValue(trail.arn), "Name": JSONValue(trail.name), "HomeRegion": JSONValue(trail.owner.region)])
                }),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "GetTrailStatus":
            return try await controlPlane.trail(input.string("Name"), caller: caller).status
        case "StartLogging":
            try await controlPlane.startLogging(input.string("Name"), caller: caller)
            return .object([])
        case "StopLogging":
            try await controlPlane.stopLogging(input.string("Name"), caller: caller)
            return .object([])
        case "PutEventSelectors":
            return try await controlPlane.putEventSelectors(
                input.string("TrailName"), eventSelectors: input["EventSelectors"],
                advancedEventSelectors: input["AdvancedEventSelectors"], caller: caller).selectorsJSON
        case "GetEventSelectors":
            return try await controlPlane.trail(input.string("TrailName"), caller: caller).selectorsJSON
        case "LookupEvents":
            return try await lookupEvents(input, caller: caller)
        case "AddTags":
            try await controlPlane.addTrailTags(input.string("ResourceId"), input.trailTags, caller: caller)
            return .object([])
        case "RemoveTags":
            try await controlPlane.removeTrailTags(input.string("ResourceId"), keys: input.trailTags.map(\.key), caller: caller)
            return .object([])
        case "ListTags":
            let tagged = try await controlPlane.trailTags(
                (input["ResourceIdList"]?.arrayValue ?? []).compactMap(\.stringValue), caller: caller)
            return .structure(["ResourceTagList": .array(tagged.map { arn, tags in
                .structure(["ResourceId": JSONValue(arn), "TagsList": .array(tags.map(\.trailJSON))])
            })])
        default:
            throw ServiceError(
                code: "UnsupportedOperationException", message: "Switchyard does not support the CloudTrail operation \(operation).")
        }
    }

    func lookupEvents(_ input: JSONValue, caller: Caller) async throws -> JSONValue {
        func date(_ key: String) -> Date? {
            input[key].flatMap { if case .number(let number) = $0 { Date(timeIntervalSince1970: number.value) } else { nil } }
        }
        let attributes = (input["LookupAttributes"]?.arrayValue ?? []).map { attribute in
            ControlPlane.LookupAttributeInput(
                key: attribute["AttributeKey"]?.stringValue ?? "", value: attribute["AttributeValue"]?.stringValue ?? "")
        }
        let (records, nextToken) = try await controlPlane.lookupEvents(
            attributes, startTime: date("StartTime"), endTime: date("EndTime"), maxResults: input["MaxResults"]?.intValue,
            nextToken: input["NextToken"]?.stringValue, caller: caller)
        return .structure([
            "Events": .array(records.map { record in
                .structure([
                    "EventId": JSONValue(record.eventId),
                    "EventName": JSONValue(record.eventName),
                    "ReadOnly": JSONValue(record.readOnly ? "true" : "false"),
                    "AccessKeyId": record.accessKeyId.map(JSONValue.init),
                    "EventTime": .timestamp(record.eventTime),
                    "EventSource": JSONValue(record.eventSource),
                    "Username": JSONValue(record.username),
                    "Resources": .array(record.resources.map { resource in
                        .structure(["ResourceType": JSONValue(resource.type), "ResourceName": JSONValue(resource.name)])
                    }),
                    "CloudTrailEvent": JSONValue(record.text),
                ])
            }),
            "NextToken": nextToken.map(JSONValue.init),
        ])
    }
}

extension JSONValue {
    /// `TagsList`: CloudTrail's tags, a value optional.
    var trailTags: [Tag] {
        (self["TagsList"]?.arrayValue ?? []).compactMap { tag in
            tag["Key"]?.stringValue.map { Tag(key: $0, value: tag["Value"]?.stringValue ?? "") }
        }
    }

    var trailSettings: ControlPlane.TrailSettings {
        var settings = ControlPlane.TrailSettings()
        settings.s3BucketName = self["S3BucketName"]?.stringValue
        settings.s3KeyPrefix = self["S3KeyPrefix"]?.stringValue
        settings.snsTopicName = self["SnsTopicName"]?.stringValue
        settings.includeGlobalServiceEvents = self["IncludeGlobalServiceEvents"]?.boolValue
        settings.isMultiRegionTrail = self["IsMultiRegionTrail"]?.boolValue
        settings.enableLogFileValidation = self["EnableLogFileValidation"]?.boolValue
        settings.cloudWatchLogsLogGroupArn = self["CloudWatchLogsLogGroupArn"]?.stringValue
        settings.cloudWatchLogsRoleArn = self["CloudWatchLogsRoleArn"]?.stringValue
        settings.kmsKeyId = self["KmsKeyId"]?.stringValue
        settings.isOrganizationTrail = self["IsOrganizationTrail"]?.boolValue
        return settings
    }
}

extension Tag {
    var trailJSON: JSONValue { .structure(["Key": JSONValue(key), "Value": JSONValue(value)]) }
}

extension Trail {
    enum Response {
        /// CreateTrail and UpdateTrail.
        case changed
        /// DescribeTrails and GetTrail.
        case described
    }

    func json(as response: Response) -> JSONValue {
        let described = response == .described
        return .structure([
            "Name": JSONValue(name),
            "S3BucketName": JSONValue(s3BucketName),
            "S3KeyPrefix": s3KeyPrefix.map(JSONValue.init),
            "SnsTopicName": snsTopicName.map(JSONValue.init),
            "SnsTopicARN": snsTopicArn.map(JSONValue.init),
            "IncludeGlobalServiceEvents": .bool(includeGlobalServiceEvents),
            "IsMultiRegionTrail": .bool(isMultiRegionTrail),
            "HomeRegion": described ? JSONValue(owner.region) : nil,
            "TrailARN": JSONValue(arn),
            "LogFileValidationEnabled": .bool(logFileValidationEnabled),
            "CloudWatchLogsLogGroupArn": cloudWatchLogsLogGroupArn.map(JSONValue.init),
            "CloudWatchLogsRoleArn": cloudWatchLogsRoleArn.map(JSONValue.init),
            "KmsKeyId": kmsKeyId.map(JSONValue.init),
            "HasCustomEventSelectors": described ? .bool(selectors.isCustom) : nil,
            "HasInsightSelectors": described ? .bool(false) : nil,
            "IsOrganizationTrail": .bool(isOrganizationTrail),
        ])
    }

    /// GetTrailStatus: the times as timestamps, and again as the text fields CloudTrail also fills.
    var status: JSONValue {
        func text(_ date: Date?) -> JSONValue { JSONValue(date.map { $0.formatted(.iso8601) } ?? "") }
        return .structure([
            "IsLogging": .bool(isLogging),
            "LatestDeliveryTime": latestDeliveryTime.map(JSONValue.timestamp),
            "StartLoggingTime": startLoggingTime.map(JSONValue.timestamp),
            "StopLoggingTime": stopLoggingTime.map(JSONValue.timestamp),
            "LatestDeliveryAttemptTime": text(latestDeliveryTime),
            "LatestDeliveryAttemptSucceeded": text(latestDeliveryTime),
            "LatestNotificationAttemptTime": JSONValue(""),
            "LatestNotificationAttemptSucceeded": JSONValue(""),
            "TimeLoggingStarted": text(startLoggingTime),
            "TimeLoggingStopped": text(stopLoggingTime),
        ])
    }

    var selectorsJSON: JSONValue {
        .structure([
            "TrailARN": JSONValue(arn),
            "EventSelectors": selectors.eventSelectors,
            "AdvancedEventSelectors": selectors.advancedEventSelectors,
        ])
    }
}
