import EventPatterns
import Foundation
import RequestFuzzing
import Testing
@testable import SwitchyardServer

/// Requests found to crash, stall or corrupt the server, each answered now as AWS
/// answers it.
@Suite struct HostileRequestTests {
    @Test func listQueuesRefusesAMaximumOutsideOneToAThousand() async throws {
        try await EventsClient.withServer { client in
            for maximum in [-1, 0, 1_001] {
                let answer = try await client.sqs("ListQueues", .structure(["MaxResults": JSONValue(maximum)]))
                #expect(answer.status == 400)
                #expect(answer.errorCode == "InvalidParameterValue")
                #expect(answer.message == "Value \(maximum) for parameter MaxResults is invalid. Reason: Must be between 1 and 1000, if provided.")
            }
            #expect(try await client.sqs("ListQueues", .structure(["MaxResults": JSONValue(1_000)])).status == 200)
        }
    }

    @Test(arguments: ["f/9223372036854775807", "b/-9223372036854775808", "b/-1", "f/x"])
    func getLogEventsRefusesTokensItNeverIssued(_ token: String) async throws {
        try await EventsClient.withServer { client in
            _ = try await client.send(target: "Logs_20140328.CreateLogGroup", body: #"{"logGroupName":"g"}"#)
            _ = try await client.send(target: "Logs_20140328.CreateLogStream", body: #"{"logGroupName":"g","logStreamName":"s"}"#)
            let answer = try await client.send(
                target: "Logs_20140328.GetLogEvents", body: #"{"logGroupName":"g","logStreamName":"s","nextToken":"\#(token)"}"#)
            #expect(answer.status == 400)
            #expect(answer.errorCode == "InvalidParameterException")
        }
    }

    /// Before, the model's pattern took exponential time on such a value, under a
    /// lock every request shared; the limit only catches a hang.
    @Test(.timeLimit(.minutes(1)))
    func headerValueBuiltToBacktrackIsRefusedAtOnce() async throws {
        try await EventsClient.withServer { client in
            _ = try await client.call("PutRule", .structure(["Name": JSONValue("r"), "EventPattern": JSONValue(#"{"source":["a"]}"#)]))
            let value = "a" + String(repeating: " a", count: 2_000) + "\u{1}"
            let answer = try await client.call("PutTargets", .structure([
                "Rule": JSONValue("r"),
                "Targets": .array([.structure([
                    "Id": JSONValue("t"), "Arn": JSONValue("arn:aws:events:us-east-1:000000000000:api-destination/d/1"),
                    "HttpParameters": .structure(["HeaderParameters": .structure(["h": JSONValue(value)])]),
                ])]),
            ]))
            #expect(answer.status == 400)
            #expect(answer.message?.contains("Member must satisfy regular expression pattern") == true)
        }
    }

    @Test func operationsSwitchyardDoesNotImplementAnswerAClientError() async throws {
        try await EventsClient.withServer { client in
            for model in [ServiceModel.events, .sqs, .logs, .cloudtrail] {
                for operation in model.operations.keys.sorted()
                where !RequestGenerator.implemented.contains("\(model.targetPrefix).\(operation)") {
                    let answer = try await client.send(target: "\(model.targetPrefix).\(operation)", body: "{}")
                    #expect((400..<500).contains(answer.status), "\(operation): \(answer.status) \(answer.message ?? "")")
                    #expect(answer.errorCode != nil)
                }
            }
        }
    }

    @Test func aBodyOverTheLimitIsRefusedWith413NotAServerError() async throws {
        try await EventsClient.withServer { client in
            let body = #"{"NamePrefix":""# + String(repeating: "a", count: 4 * 1024 * 1024) + #""}"#
            let answer = try await client.send(target: "AWSEvents.ListRules", body: body)
            #expect(answer.status == 413)
            #expect(answer.errorCode == "RequestEntityTooLarge")
        }
    }

    @Test func nullTargetIsRefusedRatherThanStoredWithoutAnId() async throws {
        try await EventsClient.withServer { client in
            _ = try await client.call("PutRule", .structure(["Name": JSONValue("r"), "EventPattern": JSONValue(#"{"source":["a"]}"#)]))
            let answer = try await client.send(target: "AWSEvents.PutTargets", body: #"{"Rule":"r","Targets":[null]}"#)
            #expect(answer.errorCode == "ValidationException")
            #expect(answer.message == "1 validation error detected: Value null at 'targets.1.member' failed to satisfy constraint: Member must not be null")
            let listed = try await client.call("ListTargetsByRule", .structure(["Rule": JSONValue("r")]))
            #expect(listed.body["Targets"]?.arrayValue?.isEmpty == true)
            #expect(try await client.call("DeleteRule", .structure(["Name": JSONValue("r")])).status == 200)
        }
    }

    @Test func fifoDeadLetterQueueIsRefused() async throws {
        try await EventsClient.withServer { client in
            _ = try await client.call("PutRule", .structure(["Name": JSONValue("r"), "EventPattern": JSONValue(#"{"source":["a"]}"#)]))
            let answer = try await client.send(target: "AWSEvents.PutTargets", body: #"""
                {"Rule":"r","Targets":[{"Id":"t","Arn":"arn:aws:sqs:us-east-1:000000000000:q",
                  "DeadLetterConfig":{"Arn":"arn:aws:sqs:us-east-1:000000000000:dlq.fifo"}}]}
                """#)
            #expect(answer.errorCode == "ValidationException")
            #expect(answer.message == "SQS FIFO is not supported by Dead Letter Queues.")
        }
    }

    /// The detail sits one level down in the event: a detail as deep as JSON may be
    /// would make an event too deep to match, and once failed the whole batch.
    @Test func detailAtTheDepthLimitFailsAloneAndOneLevelLessIsMatched() async throws {
        try await EventsClient.withServer { client in
            _ = try await client.call("PutRule", .structure(["Name": JSONValue("r"), "EventPattern": JSONValue(#"{"source":["a"]}"#)]))
            func detail(depth: Int) -> String {
                String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
            }
            let entries: [JSONValue] = [detail(depth: 999), detail(depth: 1_000)].map {
                .structure(["Source": JSONValue("a"), "DetailType": JSONValue("t"), "Detail": JSONValue($0)])
            } + Array(repeating: .structure(["Source": JSONValue("a"), "DetailType": JSONValue("t"), "Detail": JSONValue("{}")]), count: 8)
            let answer = try await client.call("PutEvents", .structure(["Entries": .array(entries)]))
            #expect(answer.status == 200)
            #expect(answer.body["FailedEntryCount"]?.intValue == 1)
            let results = answer.body["Entries"]?.arrayValue ?? []
            #expect(results[0]["EventId"] != nil)
            #expect(results[1]["ErrorCode"]?.stringValue == "MalformedDetail")
            #expect(results.dropFirst(2).allSatisfy { $0["EventId"] != nil })
        }
    }

    @Test(arguments: [
        #"{"logGroupName":"g","descending":true,"limit":2}"#,
        #"{"logGroupName":"g","orderBy":"LastEventTime","limit":2}"#,
        #"{"logGroupName":"g","orderBy":"LastEventTime","descending":true,"limit":2}"#,
        #"{"logGroupName":"g","limit":2}"#,
    ])
    func describeLogStreamsPagesMoveOnInEveryOrder(_ request: String) async throws {
        try await EventsClient.withServer { client in
            _ = try await client.send(target: "Logs_20140328.CreateLogGroup", body: #"{"logGroupName":"g"}"#)
            for (index, name) in ["c", "a", "e", "b", "d"].enumerated() {
                _ = try await client.send(target: "Logs_20140328.CreateLogStream", body: #"{"logGroupName":"g","logStreamName":"\#(name)"}"#)
                _ = try await client.send(target: "Logs_20140328.PutLogEvents", body: #"""
                    {"logGroupName":"g","logStreamName":"\#(name)","logEvents":[{"timestamp":\#(1_000 + index),"message":"m"}]}
                    """#)
            }
            var seen: [String] = []
            var body = try JSONParser.parse(request)
            for _ in 0..<10 {
                let page = try await client.send(target: "Logs_20140328.DescribeLogStreams", body: body.jsonText)
                seen += page.body["logStreams"]?.arrayValue?.compactMap { $0["logStreamName"]?.stringValue } ?? []
                guard let token = page.body["nextToken"]?.stringValue, case .object(var members) = body else { break }
                members.removeAll { $0.key == "nextToken" }
                body = .object(members + [.init(key: "nextToken", value: JSONValue(token))])
            }
            let byName = ["a", "b", "c", "d", "e"]
            let byTime = ["c", "a", "e", "b", "d"]
            let expected: [String] = switch (request.contains("LastEventTime"), request.contains("descending")) {
            case (false, false): byName
            case (false, true): byName.reversed()
            case (true, false): byTime
            case (true, true): byTime.reversed()
            }
            #expect(seen == expected)
        }
    }

    @Test func validationMessageOfAHugeRequestStaysSmall() async throws {
        try await EventsClient.withServer { client in
            let body = #"{"Entries":["# + Array(repeating: "{}", count: 1_000_000).joined(separator: ",") + "]}"
            let answer = try await client.send(target: "AWSEvents.PutEvents", body: body)
            #expect(answer.errorCode == "ValidationException")
            let message = try #require(answer.message)
            #expect(message.hasPrefix("1 validation error detected: Value '[PutEventsRequestEntry(time=null"))
            #expect(message.utf8.count < 10_000)
        }
    }

    @Test func credentialScopeMustNameARegion() async throws {
        try await EventsClient.withServer { client in
            let answer = try await client.send(target: "AWSEvents.ListEventBuses", body: "{}", region: "no-such-region-\(UUID())")
            #expect(answer.status == 400)
            #expect(answer.errorCode == "InvalidSignatureException")
            #expect(try await client.send(target: "AWSEvents.ListEventBuses", body: "{}", region: "eu-south-2").status == 200)
        }
    }

    @Test func repeatedKeysReadAsTheirLastValue() async throws {
        try await EventsClient.withServer { client in
            let answer = try await client.send(target: "AWSEvents.DescribeEventBus", body: #"{"Name":"nope","Name":"default"}"#)
            #expect(answer.body["Name"]?.stringValue == "default")
        }
    }

    @Test(arguments: ["1e400", "2147483648", "1.5"])
    func integerThatJavaCannotReadIsASerializationError(_ number: String) async throws {
        try await EventsClient.withServer { client in
            let answer = try await client.send(target: "AWSEvents.ListRules", body: #"{"Limit":\#(number)}"#)
            #expect(answer.status == 400)
            #expect(answer.errorCode == "SerializationException")
        }
    }
}
