import EventPatterns
import EventTransforms
import Foundation
import TestSupport
import Testing

/// Every recorded target input of `conformance/transformers.jsonl`: what AWS
/// delivered to a queue for an event, a rule and a target's input settings.
struct TransformerConformanceTests {
    static let cases = SharedFolder.jsonLines("conformance/transformers.jsonl")

    @Test(arguments: cases)
    func rendersWhatAWSDelivered(_ record: SharedFolder.Record) throws {
        let context = record[object: "context"] ?? [:]
        let event = MatchedEvent(
            text: try JSONParser.parse(try #require(record[string: "event"])).jsonText,
            ruleArn: context["rule_arn"] as? String ?? "arn:aws:events:us-east-1:111111111111:rule/test-bus/test-rule",
            ruleName: context["rule_name"] as? String ?? "test-rule",
            ingestionTime: context["ingestion_time"] as? String ?? "2024-06-11T08:33:04Z")
        let transformer = record.fields["inputTemplate"] is String
            ? JSONValue.structure([
                "InputPathsMap": (record[object: "inputPathsMap"] ?? [:]).isEmpty ? nil : .object(
                    (record[object: "inputPathsMap"] ?? [:]).map { .init(key: $0.key, value: .string($0.value as! String)) }),
                "InputTemplate": .string(record[string: "inputTemplate"]!),
            ])
            : nil
        let expected = try #require(record[string: "expect"])

        let input: TargetInput
        do {
            input = try TargetInput(input: record[string: "input"], inputPath: record[string: "inputPath"], inputTransformer: transformer)
        } catch {
            #expect(expected == "invalid", "refused a target AWS accepted: \(error)")
            return
        }
        #expect(expected != "invalid", "accepted a target AWS refused")

        let output: String
        do {
            output = try input.render(event)
        } catch {
            #expect(expected == "not-delivered", "nothing delivered where AWS delivered: \(error)")
            return
        }
        #expect(expected != "not-delivered", "delivered \(output) where AWS delivered nothing")
        if record[string: "expect_format"] == "raw" {
            #expect(output == expected)
        } else {
            #expect(try Self.sameJSON(output, expected), "\(output) is not \(expected)")
        }
    }

    /// The recorded body was re-parsed when it was captured, so only its value counts.
    static func sameJSON(_ left: String, _ right: String) throws -> Bool {
        let parse = { (text: String) in try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as! NSObject }
        return try parse(left).isEqual(parse(right))
    }
}
