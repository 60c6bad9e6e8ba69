import EventPatterns
import Testing

/// The `Logs_20140328.*` operations, as botocore sends them.
struct LogsAPITests {
    func call(_ client: EventsClient, _ operation: String, _ body: String) async throws -> EventsClient.Answer {
        try await client.send(target: "Logs_20140328.\(operation)", body: body)
    }

    @Test func eventsGoInAndComeBackByStreamTokenAndFilter() async throws {
        try await EventsClient.withServer { client in
            #expect(try await call(client, "CreateLogGroup", #"{"logGroupName":"/app"}"#).status == 200)
            #expect(try await call(client, "CreateLogGroup", #"{"logGroupName":"/app"}"#).errorCode == "ResourceAlreadyExistsException")
            #expect(try await call(client, "CreateLogStream", #"{"logGroupName":"/app","logStreamName":"s"}"#).status == 200)
            let put = try await call(client, "PutLogEvents", #"""
                {"logGroupName":"/app","logStreamName":"s","logEvents":[
                  {"timestamp":1000,"message":"first error"},{"timestamp":2000,"message":"second ok"},{"timestamp":3000,"message":"third error"}]}
                """#)
            #expect(put.status == 200)

            let groups = try await call(client, "DescribeLogGroups", #"{"logGroupNamePrefix":"/a"}"#)
            #expect(groups.body["logGroups"]?.arrayValue?.first?["arn"]?.stringValue == "arn:aws:logs:us-east-1:000000000000:log-group:/app:*")
            let streams = try await call(client, "DescribeLogStreams", #"{"logGroupName":"/app"}"#)
            #expect(streams.body["logStreams"]?.arrayValue?.first?["lastEventTimestamp"]?.intValue == 3000)

            let head = try await call(client, "GetLogEvents", #"{"logGroupName":"/app","logStreamName":"s","startFromHead":true,"limit":2}"#)
            #expect(head.body["events"]?.arrayValue?.map { $0["message"]?.stringValue } == ["first error", "second ok"])
            let token = try #require(head.body["nextForwardToken"]?.stringValue)
            let rest = try await call(client, "GetLogEvents", #"{"logGroupName":"/app","logStreamName":"s","nextToken":"\#(token)"}"#)
            #expect(rest.body["events"]?.arrayValue?.map { $0["message"]?.stringValue } == ["third error"])
            let tail = try await call(client, "GetLogEvents", #"{"logGroupName":"/app","logStreamName":"s","limit":1}"#)
            #expect(tail.body["events"]?.arrayValue?.map { $0["message"]?.stringValue } == ["third error"])

            let filtered = try await call(client, "FilterLogEvents", #"{"logGroupName":"/app","filterPattern":"error","startTime":1500}"#)
            #expect(filtered.body["events"]?.arrayValue?.map { $0["message"]?.stringValue } == ["third error"])
            #expect(filtered.body["events"]?.arrayValue?.first?["logStreamName"]?.stringValue == "s")
        }
    }

    @Test func outOfOrderEventsAndMissingGroupsAreRefused() async throws {
        try await EventsClient.withServer { client in
            let missing = try await call(client, "DescribeLogStreams", #"{"logGroupName":"/none"}"#)
            #expect(missing.errorCode == "ResourceNotFoundException")
            #expect(missing.message == "The specified log group does not exist.")
            _ = try await call(client, "CreateLogGroup", #"{"logGroupName":"/app"}"#)
            _ = try await call(client, "CreateLogStream", #"{"logGroupName":"/app","logStreamName":"s"}"#)
            let unordered = try await call(client, "PutLogEvents", #"""
                {"logGroupName":"/app","logStreamName":"s","logEvents":[{"timestamp":2,"message":"b"},{"timestamp":1,"message":"a"}]}
                """#)
            #expect(unordered.errorCode == "InvalidParameterException")
        }
    }
}
