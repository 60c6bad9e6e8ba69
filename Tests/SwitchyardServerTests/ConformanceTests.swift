import EventPatterns
import Foundation
import Testing
import TestSupport

/// The control-plane cases AWS recorded in `shared/conformance/other.jsonl`, replayed
/// through the HTTP API. Snapshot placeholders (`<bus-name>`, …) become real names,
/// in the request and in the expected message alike.
@Suite struct ConformanceTests {
    static let kinds: Set = ["api-error", "api-behaviour", "put-rule-validation", "put-targets-validation", "put-targets-behaviour"]
    static let cases = SharedFolder.jsonLines("conformance/other.jsonl").filter { record in
        guard let kind = record[string: "kind"] else { return false }
        return kinds.contains(kind)
    }

    static let names = [
        "<bus-name>": "missing-bus", "<rule-name>": "missing-rule", "<not-existing-resource-name>": "missing-resource",
        "<region>": "us-east-1", "<account>": "000000000000", "<custom-bus>": "custom",
        "<queue-arn>": "arn:aws:sqs:us-east-1:000000000000:queue", "<target-id>": "target-id",
        "<non-existing bus>": "missing-bus", "<event-bus-name>": "missing-bus", "<archive-name>": "archive",
        "<non-existing archive>": "missing-archive", "<replay-name>": "replay", "<destination-name>": "destination",
        "<connection-name>": "connection", "<valid connection arn>": "arn:aws:events:us-east-1:000000000000:connection/c/0a1b",
    ]
    static let archiveArn = "arn:aws:events:us-east-1:000000000000:archive/archive"
    static let defaultBusArn = "arn:aws:events:us-east-1:000000000000:event-bus/default"

    /// A StartReplay input that AWS accepts but for what the case changes.
    static func startReplay(
        name: String = "replay", archive: String = archiveArn, destination: String = defaultBusArn,
        start: Double = 1_700_000_000, end: Double = 1_700_000_060
    ) -> String {
        #"{"ReplayName": "\#(name)", "EventSourceArn": "\#(archive)", "EventStartTime": \#(start), "EventEndTime": \#(end), "Destination": {"Arn": "\#(destination)"}}"#
    }

    static func substitute(_ text: String) -> String {
        names.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    @Test func everyApplicableKindIsCovered() {
        #expect(Self.cases.count == 42)
    }

    @Test(arguments: cases)
    func recordedCaseAgreesWithAWS(_ record: SharedFolder.Record) async throws {
        let id = try #require(record[string: "id"])
        var request = try #require(record[object: "request"])
        let operation = try #require(request.removeValue(forKey: "operation") as? String)
        // The recordings leave out members that did not matter to the case.
        switch operation {
        case "TagResource": request["Tags"] = [["Key": "k", "Value": "v"]]
        case "UntagResource": request["TagKeys"] = ["k"]
        case "PutTargets": request["Rule"] = "rule"
        default: break
        }
        let recordedMessage = record[string: "error"].map(Self.substitute)
        let recordedInput = Self.substitute(String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self))

        try await EventsClient.withServer { client in
            var expectedMessage = recordedMessage
            var input = recordedInput
            func call(_ operation: String, _ json: String) async throws -> EventsClient.Answer {
                try await client.send(target: "AWSEvents.\(operation)", body: json)
            }
            func succeed(_ operation: String, _ json: String) async throws {
                let answer = try await call(operation, json)
                try #require(answer.status == 200, "\(operation): \(answer.body.jsonText)")
            }
            let queue = Self.names["<queue-arn>"]!

            if id.hasSuffix("-custom]") || id.hasSuffix("[custom]") || id == "schedule-on-custom-bus" {
                try await succeed("CreateEventBus", #"{"Name": "custom"}"#)
            }
            if id.hasPrefix("remove-permission-missing-sid[True") {
                let bus = id.hasSuffix("-custom]") ? "custom" : "default"
                try await succeed("PutPermission", #"{"EventBusName": "\#(bus)", "Action": "events:PutEvents", "Principal": "*", "StatementId": "other"}"#)
            }
            if operation.hasPrefix("PutTargets") || id == "delete-rule-with-targets" {
                try await succeed("PutRule", #"{"Name": "rule", "EventPattern": "{\"source\": [\"a\"]}"}"#)
            }
            switch id {
            case "delete-rule-with-targets":
                try await succeed("PutTargets", #"{"Rule": "rule", "Targets": [{"Id": "t", "Arn": "\#(queue)"}]}"#)
                input = #"{"Name": "rule"}"#
            case "target-id-too-long":
                let longId = UUID().uuidString + "-" + UUID().uuidString + "-extra"
                input = #"{"Rule": "rule", "Targets": [{"Id": "\#(longId)", "Arn": "\#(queue)", "InputPath": "$.detail"}]}"#
                expectedMessage = expectedMessage?.replacingOccurrences(of: "second-invalid-target-id", with: longId)
            case "more-than-5-targets":
                let targets = (0...6).map { #"{"Id": "test-target-\#($0)", "Arn": "\#(queue)"}"# }
                input = #"{"Rule": "rule", "Targets": [\#(targets.joined(separator: ", "))]}"#
            case "same-id-twice-overwrites":
                try await succeed("PutTargets", #"{"Rule": "rule", "Targets": [{"Id": "target-id", "Arn": "\#(queue)", "InputPath": "$.detail"}]}"#)
                try await succeed("PutTargets", #"{"Rule": "rule", "Targets": [{"Id": "target-id", "Arn": "\#(queue)", "InputPath": "$.notexisting"}]}"#)
            case "same-arn-different-ids":
                try await succeed("PutTargets", #"{"Rule": "rule", "Targets": [{"Id": "target-id-one", "Arn": "\#(queue)", "InputPath": "$.detail"}, {"Id": "target-id-two", "Arn": "\#(queue)", "InputPath": "$.doesnotexist"}]}"#)
            default:
                break
            }
            let bus = id.hasSuffix("[custom]") ? "custom" : "default"
            let busArn = "arn:aws:events:us-east-1:000000000000:event-bus/\(bus)"
            if id.hasPrefix("create-archive-duplicate") || id.hasPrefix("start-replay-") && id != "start-replay-unknown-archive"
                || id == "too-many-active-replays" {
                try await succeed("CreateArchive", #"{"ArchiveName": "archive", "EventSourceArn": "\#(busArn)"}"#)
            }
            switch id {
            case _ where id.hasPrefix("create-archive-duplicate"):
                input = #"{"ArchiveName": "archive", "EventSourceArn": "\#(busArn)"}"#
            case "start-replay-unknown-bus":
                input = Self.startReplay(destination: "arn:aws:events:us-east-1:000000000000:event-bus/missing-bus")
            case "start-replay-unknown-archive":
                input = Self.startReplay()
            case "start-replay-duplicate-name":
                try await succeed("StartReplay", Self.startReplay())
                input = Self.startReplay()
            case "start-replay-duplicate-name-other-archive":
                try await succeed("StartReplay", Self.startReplay())
                try await succeed("CreateArchive", #"{"ArchiveName": "other", "EventSourceArn": "\#(busArn)"}"#)
                input = Self.startReplay(archive: "arn:aws:events:us-east-1:000000000000:archive/other")
            case _ where id.hasPrefix("start-replay-end-before-start"):
                let seconds = Double(id.split(separator: "[").last?.dropLast() ?? "0") ?? 0
                input = Self.startReplay(start: 1_700_000_000.5, end: 1_700_000_000 - seconds)
            // Created and deleted before the recorded call: not there, as far as it can tell.
            case "describe-api-destination-missing":
                input = #"{"Name": "destination"}"#
            case "describe-connection-deleted":
                input = #"{"Name": "connection"}"#
            case "too-many-active-replays":
                for index in 0..<10 { try await succeed("StartReplay", Self.startReplay(name: "replay-\(index)")) }
                input = Self.startReplay(name: "replay-10")
            default:
                break
            }
            if id.hasPrefix("put-rule") || id == "schedule-on-custom-bus" {
                input = #"{"Name": "rule", "EventBusName": "custom", "ScheduleExpression": "rate(1 minute)"}"#
            }

            if let listed = record.fields["list_targets"] as? [[String: Any]] {
                let answer = try await call("ListTargetsByRule", #"{"Rule": "rule"}"#)
                let expected = try JSONParser.parse(String(decoding: try JSONSerialization.data(withJSONObject: listed, options: .sortedKeys), as: UTF8.self))
                // The recording names the target's ARN `target-arn`, as its snapshot's transformer does.
                let actual = try JSONParser.parse(
                    JSONValue.array((answer.body["Targets"]?.arrayValue ?? []).map(\.sortedKeys)).jsonText
                        .replacingOccurrences(of: queue, with: "target-arn"))
                #expect(actual == expected, "\(id)")
                return
            }
            let answer = try await call(operation, input)
            if record[string: "expect"] == "ok" {
                #expect(answer.status == 200, "\(id): \(answer.body.jsonText)")
            } else {
                #expect(answer.status == (record.fields["http_status"] as? Int ?? 400), "\(id)")
                #expect(answer.errorCode == record[string: "error_code"], "\(id): \(answer.body.jsonText)")
                #expect(answer.message == expectedMessage, "\(id)")
            }
        }
    }
}

extension JSONValue {
    /// Objects with their members sorted by key, to compare documents regardless of order.
    var sortedKeys: JSONValue {
        switch self {
        case .object(let members):
            .object(members.map { Member(key: $0.key, value: $0.value.sortedKeys) }.sorted { $0.key < $1.key })
        case .array(let elements): .array(elements.map(\.sortedKeys))
        default: self
        }
    }
}
