import EventPatterns
import Foundation
import Switchyard

/// Reads of request members. The request validator has already checked types and
/// required members, so absent optional members read as nil and required ones are there.
extension JSONValue {
    func string(_ key: String) -> String {
        self[key]?.stringValue ?? ""
    }

    func tags(_ key: String) -> [Tag] {
        (self[key]?.arrayValue ?? []).map { Tag(key: $0.string("Key"), value: $0.string("Value")) }
    }

    var eventBusSettings: ControlPlane.EventBusSettings {
        ControlPlane.EventBusSettings(
            description: self["Description"]?.stringValue,
            kmsKeyIdentifier: self["KmsKeyIdentifier"]?.stringValue,
            deadLetterConfig: self["DeadLetterConfig"].map { DeadLetterConfig(arn: $0["Arn"]?.stringValue) },
            logConfig: self["LogConfig"].map {
                LogConfig(includeDetail: $0["IncludeDetail"]?.stringValue, level: $0["Level"]?.stringValue)
            })
    }

    /// `PutPermission` takes either a whole policy or the parts of one statement.
    var permission: ControlPlane.Permission {
        get throws(ServiceError) {
            if let policy = self["Policy"]?.stringValue { return .policy(policy) }
            var missing: [String] = []
            for member in ["Action", "Principal", "StatementId"] where self[member]?.stringValue == nil {
                missing.append(member)
            }
            guard missing.isEmpty else {
                throw .validation("Parameter(s) \(missing.joined(separator: ", ")) must be specified when Policy is not provided.")
            }
            let condition = self["Condition"].map {
                EventBusPolicy.Condition(type: $0.string("Type"), key: $0.string("Key"), value: $0.string("Value"))
            }
            return .statement(
                id: string("StatementId"), action: string("Action"), principal: string("Principal"), condition: condition)
        }
    }

    /// A timestamp as AWS JSON 1.1 writes it: seconds since 1970, with milliseconds.
    /// A PutEvents entry; `Time` arrives as epoch seconds, as botocore sends timestamps.
    var putEventsEntry: PutEventsEntry {
        PutEventsEntry(
            time: self["Time"].flatMap { value in
                if case .number(let number) = value { return Date(timeIntervalSince1970: number.value) }
                return nil
            },
            source: self["Source"]?.stringValue,
            resources: self["Resources"]?.arrayValue?.compactMap(\.stringValue),
            detailType: self["DetailType"]?.stringValue,
            detail: self["Detail"]?.stringValue,
            eventBusName: self["EventBusName"]?.stringValue,
            traceHeader: self["TraceHeader"]?.stringValue)
    }

    static func timestamp(_ date: Date) -> JSONValue {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let text = String(format: "%.3f", milliseconds / 1000)
        return .number(JSONNumber(text: text, value: milliseconds / 1000))
    }
}

extension [PutEventsResult] {
    /// PutEvents' answer: an entry per event, in order, and how many failed.
    var json: JSONValue {
        .structure([
            "FailedEntryCount": JSONValue(filter { if case .failed = $0 { true } else { false } }.count),
            "Entries": .array(map { result in
                switch result {
                case .accepted(let eventId):
                    .structure(["EventId": JSONValue(eventId)])
                case .failed(let code, let message):
                    .structure(["ErrorCode": JSONValue(code), "ErrorMessage": JSONValue(message)])
                }
            }),
        ])
    }
}

extension DeadLetterConfig {
    var json: JSONValue { .structure(["Arn": arn.map(JSONValue.init)]) }
}

extension LogConfig {
    var json: JSONValue {
        .structure(["IncludeDetail": includeDetail.map(JSONValue.init), "Level": level.map(JSONValue.init)])
    }
}

extension EventBus {
    enum Response {
        case created, described, listed, updated
    }

    /// The bus as each operation's response shows it: `CreateEventBus` names only its
    /// ARN, `ListEventBuses` leaves out the settings, `UpdateEventBus` the times.
    func json(as response: Response) -> JSONValue {
        let settings = response != .listed
        let times = response == .described || response == .listed
        return .structure([
            "EventBusArn": response == .created ? JSONValue(arn) : nil,
            "Name": response == .created ? nil : JSONValue(name),
            "Arn": response == .created ? nil : JSONValue(arn),
            "Description": description.map(JSONValue.init),
            "KmsKeyIdentifier": settings ? kmsKeyIdentifier.map(JSONValue.init) : nil,
            "DeadLetterConfig": settings ? deadLetterConfig.map(\.json) : nil,
            "Policy": times ? policy.map { JSONValue($0.text) } : nil,
            "LogConfig": settings ? logConfig.map(\.json) : nil,
            "CreationTime": times ? .timestamp(creationTime) : nil,
            "LastModifiedTime": times ? .timestamp(lastModifiedTime) : nil,
        ])
    }
}

extension Rule {
    enum Listing {
        case describe, list
    }

    /// The rule as `DescribeRule` shows it, or as `ListRules` does (without `CreatedBy`).
    func json(including listing: Listing) -> JSONValue {
        .structure([
            "Name": JSONValue(name),
            "Arn": JSONValue(arn),
            "EventPattern": eventPattern.map(JSONValue.init),
            "ScheduleExpression": scheduleExpression.map(JSONValue.init),
            "State": JSONValue(state.rawValue),
            "Description": description.map(JSONValue.init),
            "RoleArn": roleArn.map(JSONValue.init),
            "ManagedBy": managedBy.map(JSONValue.init),
            "EventBusName": JSONValue(eventBusName),
            "CreatedBy": listing == .describe ? JSONValue(createdBy) : nil,
        ])
    }
}
