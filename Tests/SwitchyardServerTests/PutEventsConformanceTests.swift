import EventPatterns
import Foundation
import Testing
import TestSupport

/// The PutEvents cases AWS recorded in `shared/conformance/other.jsonl`: per-entry
/// errors, request-level errors, and which events a rule delivers to its target.
@Suite struct PutEventsConformanceTests {
    static let cases = SharedFolder.jsonLines("conformance/other.jsonl").filter {
        ["put-events-entry", "put-events-request", "rule-delivery"].contains($0[string: "kind"] ?? "")
    }

    /// Expands the recordings' shorthand: `11 x {entry}`, and a Detail described by
    /// the expression that built it.
    static func entries(_ record: SharedFolder.Record) throws -> [Any] {
        let request = try #require(record[object: "request"])
        if let entries = request["Entries"] as? [[String: Any]] {
            return try entries.map { entry in
                var entry = entry
                if record[string: "id"] == "too-big-detail" {
                    let length = try #require(record.fields["detail_length"] as? Int)
                    let payload = String(repeating: "p", count: length - #"{"payload": [""]}"#.count)
                    entry["Detail"] = #"{"payload": [""# + payload + #""]}"#
                }
                return entry
            }
        }
        let shorthand = try #require(request["Entries"] as? String)
        let match = try #require(shorthand.firstMatch(of: /^(\d+) x (.*)$/))
        let entry = try JSONSerialization.jsonObject(with: Data(String(match.2).utf8))
        return Array(repeating: entry, count: Int(match.1)!)
    }

    static func json(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
            .replacingOccurrences(of: "<custom-event-bus>", with: "missing-bus")
            .replacingOccurrences(of: "<bus-name>", with: "default")
    }

    @Test func allRecordedCasesAreReplayed() {
        #expect(Self.cases.count == 23)
    }

    @Test(arguments: cases)
    func recordedCaseAgreesWithAWS(_ record: SharedFolder.Record) async throws {
        let entries = try Self.json(try Self.entries(record))
        try await EventsClient.withServer { client in
            switch record[string: "kind"] {
            case "put-events-request":
                let answer = try await client.send(target: "AWSEvents.PutEvents", body: #"{"Entries":\#(entries)}"#)
                #expect(answer.status == 400)
                #expect(answer.errorCode == record[string: "error_code"])
                // AWS prints each entry with two members its public model does not
                // have; the recording gives the message's ends for that reason.
                if let prefix = record[string: "error_prefix"], let suffix = record[string: "error_suffix"] {
                    #expect(answer.message?.hasPrefix(prefix) == true, "\(answer.message ?? "")")
                    #expect(answer.message?.hasSuffix(suffix) == true, "\(answer.message ?? "")")
                } else {
                    #expect(answer.message == record[string: "error"])
                }
            case "put-events-entry":
                let answer = try await client.send(target: "AWSEvents.PutEvents", body: #"{"Entries":\#(entries)}"#)
                #expect(answer.status == 200)
                #expect(answer.body["FailedEntryCount"]?.intValue == record.fields["failed_entry_count"] as? Int)
                let first = answer.body["Entries"]?.arrayValue?.first
                if record[string: "expect"] == "ok" {
                    #expect(answer.body["Entries"]?.arrayValue?.allSatisfy { $0["EventId"] != nil } == true)
                } else {
                    #expect(first?["ErrorCode"]?.stringValue == record[string: "entry_error_code"])
                    #expect(first?["ErrorMessage"]?.stringValue == record[string: "entry_error"])
                }
            default:
                try await Self.replayDelivery(record, entries: entries, client: client)
            }
        }
    }

    /// A rule with the recorded pattern and a queue target; the event must reach the
    /// queue exactly when AWS delivered it.
    static func replayDelivery(_ record: SharedFolder.Record, entries: String, client: EventsClient) async throws {
        let queueUrl = try #require(try await client.sqs("CreateQueue", .structure(["QueueName": JSONValue("target")])).body["QueueUrl"])
        let pattern = try #require(record[string: "pattern"])
        #expect(try await client.call("PutRule", .structure(["Name": JSONValue("rule"), "EventPattern": JSONValue(pattern)])).status == 200)
        var target = #"{"Id":"t","Arn":"arn:aws:sqs:us-east-1:000000000000:target""#
        if record[string: "target_input"] == "InputPath $.detail" { target += #","InputPath":"$.detail""# }
        let put = try await client.send(target: "AWSEvents.PutTargets", body: #"{"Rule":"rule","Targets":[\#(target)}]}"#)
        #expect(put.body["FailedEntryCount"]?.intValue == 0)

        let answer = try await client.send(target: "AWSEvents.PutEvents", body: #"{"Entries":\#(entries)}"#)
        #expect(answer.body["FailedEntryCount"]?.intValue == 0)
        try await client.backend.deliveryWorker.deliverDue()
        let received = try await client.sqs("ReceiveMessage", .structure(["QueueUrl": queueUrl, "MaxNumberOfMessages": JSONValue(10)]))
        let delivered = received.body["Messages"]?.arrayValue?.count ?? 0
        #expect(delivered == (record[bool: "expect"] == true ? 1 : 0))
    }
}
