public import EventPatterns
public import Foundation

/// A CloudTrail trail: while it logs, the API calls its selectors pick in its
/// account (in its home Region, or in every Region for a multi-Region trail) are
/// written to its log files and reach the account's default bus as events.
public struct Trail: Sendable, Equatable {
    public var name: String
    /// The account, and the trail's home Region.
    public var owner: Caller
    public var s3BucketName: String
    public var s3KeyPrefix: String?
    public var snsTopicName: String?
    public var includeGlobalServiceEvents = true
    public var isMultiRegionTrail = false
    public var logFileValidationEnabled = false
    public var cloudWatchLogsLogGroupArn: String?
    public var cloudWatchLogsRoleArn: String?
    public var kmsKeyId: String?
    public var isOrganizationTrail = false
    public var tags: [Tag] = []
    public var selectors = TrailSelectors.default
    public var isLogging = false
    public var startLoggingTime: Date?
    public var stopLoggingTime: Date?
    public var latestDeliveryTime: Date?
    public var creationTime: Date

    public init(name: String, owner: Caller, s3BucketName: String, creationTime: Date) {
        self.name = name
        self.owner = owner
        self.s3BucketName = s3BucketName
        self.creationTime = creationTime
    }

    public var arn: String { Self.arn(name, owner) }

    public static func arn(_ name: String, _ owner: Caller) -> String {
        "arn:aws:cloudtrail:\(owner.region):\(owner.account):trail/\(name)"
    }

    public var snsTopicArn: String? {
        snsTopicName.map { $0.hasPrefix("arn:") ? $0 : "arn:aws:sns:\(owner.region):\(owner.account):\($0)" }
    }

    /// Whether the trail records calls made in `region` of its account.
    public func covers(_ caller: Caller) -> Bool {
        caller.account == owner.account && (isMultiRegionTrail || caller.region == owner.region)
    }
}

extension Trail {
    /// The trail as a store keeps it: one JSON document in AWS's member names.
    public var stored: JSONValue {
        .structure([
            "S3BucketName": JSONValue(s3BucketName),
            "S3KeyPrefix": s3KeyPrefix.map(JSONValue.init),
            "SnsTopicName": snsTopicName.map(JSONValue.init),
            "IncludeGlobalServiceEvents": .bool(includeGlobalServiceEvents),
            "IsMultiRegionTrail": .bool(isMultiRegionTrail),
            "LogFileValidationEnabled": .bool(logFileValidationEnabled),
            "CloudWatchLogsLogGroupArn": cloudWatchLogsLogGroupArn.map(JSONValue.init),
            "CloudWatchLogsRoleArn": cloudWatchLogsRoleArn.map(JSONValue.init),
            "KmsKeyId": kmsKeyId.map(JSONValue.init),
            "IsOrganizationTrail": .bool(isOrganizationTrail),
            "TagsList": .array(tags.map { .structure(["Key": JSONValue($0.key), "Value": JSONValue($0.value)]) }),
            "EventSelectors": selectors.eventSelectors,
            "AdvancedEventSelectors": selectors.advancedEventSelectors,
            "IsLogging": .bool(isLogging),
            "StartLoggingTime": startLoggingTime.map(Self.stored),
            "StopLoggingTime": stopLoggingTime.map(Self.stored),
            "LatestDeliveryTime": latestDeliveryTime.map(Self.stored),
            "CreationTime": Self.stored(creationTime),
        ])
    }

    public init(name: String, owner: Caller, stored: JSONValue) {
        func date(_ key: String) -> Date? {
            stored[key].flatMap { if case .number(let number) = $0 { Date(timeIntervalSince1970: number.value) } else { nil } }
        }
        self.init(
            name: name, owner: owner, s3BucketName: stored["S3BucketName"]?.stringValue ?? "",
            creationTime: date("CreationTime") ?? Date(timeIntervalSince1970: 0))
        s3KeyPrefix = stored["S3KeyPrefix"]?.stringValue
        snsTopicName = stored["SnsTopicName"]?.stringValue
        includeGlobalServiceEvents = stored["IncludeGlobalServiceEvents"]?.boolValue ?? true
        isMultiRegionTrail = stored["IsMultiRegionTrail"]?.boolValue ?? false
        logFileValidationEnabled = stored["LogFileValidationEnabled"]?.boolValue ?? false
        cloudWatchLogsLogGroupArn = stored["CloudWatchLogsLogGroupArn"]?.stringValue
        cloudWatchLogsRoleArn = stored["CloudWatchLogsRoleArn"]?.stringValue
        kmsKeyId = stored["KmsKeyId"]?.stringValue
        isOrganizationTrail = stored["IsOrganizationTrail"]?.boolValue ?? false
        tags = (stored["TagsList"]?.arrayValue ?? []).compactMap { tag in
            tag["Key"]?.stringValue.map { Tag(key: $0, value: tag["Value"]?.stringValue ?? "") }
        }
        selectors = TrailSelectors(eventSelectors: stored["EventSelectors"], advancedEventSelectors: stored["AdvancedEventSelectors"])
        isLogging = stored["IsLogging"]?.boolValue ?? false
        startLoggingTime = date("StartLoggingTime")
        stopLoggingTime = date("StopLoggingTime")
        latestDeliveryTime = date("LatestDeliveryTime")
    }

    static func stored(_ date: Date) -> JSONValue {
        .number(JSONNumber(text: String(date.timeIntervalSince1970), value: date.timeIntervalSince1970))
    }
}
