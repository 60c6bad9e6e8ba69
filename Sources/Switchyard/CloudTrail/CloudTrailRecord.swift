public import Foundation

/// One API call as CloudTrail records it: the record's JSON, and the facts that
/// event history looks calls up by and that trails select them by.
public struct CloudTrailRecord: Sendable, Equatable {
    public struct Resource: Sendable, Hashable {
        public var type: String
        public var name: String

        public init(type: String, name: String) {
            self.type = type
            self.name = name
        }
    }

    /// The account and Region the call was made in (`recipientAccountId`, `awsRegion`).
    public var owner: Caller
    public var eventId: String
    public var eventTime: Date
    public var eventSource: String
    public var eventName: String
    public var readOnly: Bool
    /// A management event, as against a data event.
    public var isManagement: Bool
    public var username: String
    public var accessKeyId: String?
    public var userIdentityArn: String?
    public var errorCode: String?
    /// The resources the call names: ARNs for data events, as selectors see them.
    public var resources: [Resource]
    /// The record, as CloudTrail writes it in log files and `CloudTrailEvent`.
    public var text: String
    /// The rules whose deliveries made the call; its event carries them on.
    public var lineage = Lineage.none

    public init(
        owner: Caller, eventId: String, eventTime: Date, eventSource: String, eventName: String, readOnly: Bool,
        isManagement: Bool, username: String, resources: [Resource], text: String
    ) {
        self.owner = owner
        self.eventId = eventId
        self.eventTime = eventTime
        self.eventSource = eventSource
        self.eventName = eventName
        self.readOnly = readOnly
        self.isManagement = isManagement
        self.username = username
        self.resources = resources
        self.text = text
    }

    /// The values of an advanced event selector's field for this call.
    func values(ofSelectorField field: String) -> [String] {
        switch field {
        case "eventCategory": [isManagement ? "Management" : "Data"]
        case "readOnly": [readOnly ? "true" : "false"]
        case "eventSource": [eventSource]
        case "eventName": [eventName]
        case "eventType": ["AwsApiCall"]
        case "resources.type": resources.map(\.type)
        case "resources.ARN": resources.map(\.name)
        case "userIdentity.arn": userIdentityArn.map { [$0] } ?? []
        case "errorCode": errorCode.map { [$0] } ?? []
        case "sessionCredentialFromConsole": ["false"]
        default: []
        }
    }
}

/// How `LookupEvents` looks calls up: by one attribute, as AWS allows.
public enum LookupAttribute: Sendable, Equatable {
    case eventId(String)
    case eventName(String)
    case readOnly(Bool)
    case username(String)
    case resourceType(String)
    case resourceName(String)
    case eventSource(String)
    case accessKeyId(String)
}

/// Where a page of event history continues: after this record, newest first.
public struct HistoryCursor: Sendable, Equatable {
    public var eventTime: Date
    public var sequence: Int64

    public init(eventTime: Date, sequence: Int64) {
        self.eventTime = eventTime
        self.sequence = sequence
    }
}
