import EventPatterns
import Foundation
import Switchyard

/// The archive and replay operations of `AWSEvents.*`.
extension EventsAPI {
    static let archiveOperations: Set = [
        "CreateArchive", "DescribeArchive", "ListArchives", "UpdateArchive", "DeleteArchive",
        "StartReplay", "DescribeReplay", "ListReplays", "CancelReplay",
    ]

    func handleArchives(_ operation: String, _ input: JSONValue, caller: Caller) async throws -> JSONValue {
        switch operation {
        case "CreateArchive":
            let archive = try await controlPlane.createArchive(
                input.string("ArchiveName"), eventSourceArn: input.string("EventSourceArn"), input.archiveDefinition,
                caller: caller)
            return archive.changeJSON
        case "DescribeArchive":
            return try await controlPlane.describeArchive(input.string("ArchiveName"), caller: caller).json(as: .described)
        case "ListArchives":
            let page = try await controlPlane.listArchives(
                namePrefix: input["NamePrefix"]?.stringValue, eventSourceArn: input["EventSourceArn"]?.stringValue,
                state: input["State"]?.stringValue.flatMap(Archive.State.init(rawValue:)),
                nextToken: input["NextToken"]?.stringValue, limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "Archives": .array(page.items.map { $0.json(as: .listed) }),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "UpdateArchive":
            let archive = try await controlPlane.updateArchive(input.string("ArchiveName"), input.archiveDefinition, caller: caller)
            return archive.changeJSON
        case "DeleteArchive":
            try await controlPlane.deleteArchive(input.string("ArchiveName"), caller: caller)
            return .object([])

        case "StartReplay":
            let request = ControlPlane.ReplayRequest(
                description: input["Description"]?.stringValue, archiveArn: input.string("EventSourceArn"),
                eventStartTime: input.date("EventStartTime"), eventEndTime: input.date("EventEndTime"),
                destinationArn: input["Destination"]?["Arn"]?.stringValue ?? "",
                filterArns: (input["Destination"]?["FilterArns"]?.arrayValue ?? []).compactMap(\.stringValue))
            let replay = try await controlPlane.startReplay(input.string("ReplayName"), request, caller: caller)
            return .structure([
                "ReplayArn": JSONValue(replay.arn), "State": JSONValue(replay.state.rawValue),
                "ReplayStartTime": .timestamp(replay.replayStartTime),
            ])
        case "DescribeReplay":
            return try await controlPlane.describeReplay(input.string("ReplayName"), caller: caller).json(as: .described)
        case "ListReplays":
            let page = try await controlPlane.listReplays(
                namePrefix: input["NamePrefix"]?.stringValue,
                state: input["State"]?.stringValue.flatMap(Replay.State.init(rawValue:)),
                archiveArn: input["EventSourceArn"]?.stringValue, nextToken: input["NextToken"]?.stringValue,
                limit: input["Limit"]?.intValue, caller: caller)
            return .structure([
                "Replays": .array(page.items.map { $0.json(as: .listed) }),
                "NextToken": page.nextToken.map(JSONValue.init),
            ])
        case "CancelReplay":
            let replay = try await controlPlane.cancelReplay(input.string("ReplayName"), caller: caller)
            return .structure(["ReplayArn": JSONValue(replay.arn), "State": JSONValue(replay.state.rawValue)])
        default:
            throw ServiceError(code: "UnknownOperationException", message: "Unknown operation \(operation).")
        }
    }
}

extension JSONValue {
    var archiveDefinition: ControlPlane.ArchiveDefinition {
        ControlPlane.ArchiveDefinition(
            description: self["Description"]?.stringValue, eventPattern: self["EventPattern"]?.stringValue,
            retentionDays: self["RetentionDays"]?.intValue, kmsKeyIdentifier: self["KmsKeyIdentifier"]?.stringValue)
    }

    /// A timestamp member, which the service model requires: botocore sends epoch seconds.
    func date(_ key: String) -> Date {
        if case .number(let number)? = self[key] { return Date(timeIntervalSince1970: number.value) }
        return Date(timeIntervalSince1970: 0)
    }
}

enum ArchiveResponse {
    case described
    case listed
}

extension Archive {
    /// What CreateArchive and UpdateArchive answer: the ARN, the state and the creation time.
    var changeJSON: JSONValue {
        .structure([
            "ArchiveArn": JSONValue(arn),
            "State": JSONValue(state.rawValue),
            "CreationTime": .timestamp(creationTime),
        ])
    }
}

extension ControlPlane.ArchiveDescription {
    /// DescribeArchive shows every setting; ListArchives leaves out the description,
    /// the pattern and the ARN.
    func json(as response: ArchiveResponse) -> JSONValue {
        let described = response == .described
        return .structure([
            "ArchiveArn": described ? JSONValue(archive.arn) : nil,
            "ArchiveName": JSONValue(archive.name),
            "EventSourceArn": JSONValue(archive.eventSourceArn),
            "Description": described ? archive.description.map(JSONValue.init) : nil,
            "EventPattern": described ? archive.eventPattern.map(JSONValue.init) : nil,
            "State": JSONValue(archive.state.rawValue),
            "KmsKeyIdentifier": described ? archive.kmsKeyIdentifier.map(JSONValue.init) : nil,
            "RetentionDays": JSONValue(archive.retentionDays),
            "SizeBytes": JSONValue(sizeBytes),
            "EventCount": JSONValue(eventCount),
            "CreationTime": .timestamp(archive.creationTime),
        ])
    }
}

extension Replay {
    /// DescribeReplay shows every member; ListReplays leaves out the ARN, the
    /// description and the destination.
    func json(as response: ArchiveResponse) -> JSONValue {
        let described = response == .described
        return .structure([
            "ReplayName": JSONValue(name),
            "ReplayArn": described ? JSONValue(arn) : nil,
            "Description": described ? description.map(JSONValue.init) : nil,
            "State": JSONValue(state.rawValue),
            "StateReason": stateReason.map(JSONValue.init),
            "EventSourceArn": JSONValue(archiveArn),
            "Destination": described
                ? .structure([
                    "Arn": JSONValue(destinationArn),
                    "FilterArns": filterArns.isEmpty ? nil : .array(filterArns.map(JSONValue.init)),
                ])
                : nil,
            "EventStartTime": .timestamp(eventStartTime),
            "EventEndTime": .timestamp(eventEndTime),
            "EventLastReplayedTime": eventLastReplayedTime.map(JSONValue.timestamp),
            "ReplayStartTime": .timestamp(replayStartTime),
            "ReplayEndTime": replayEndTime.map(JSONValue.timestamp),
        ])
    }
}
