import EventPatterns
import Testing

/// The `AmazonSQS.*` operations over AWS JSON 1.0, as botocore sends them.
struct QueuesAPITests {
    @Test func queueTakesMessagesAndGivesThemBack() async throws {
        try await EventsClient.withServer { client in
            let created = try await client.sqs("CreateQueue", .structure(["QueueName": JSONValue("orders")]))
            let url = try #require(created.body["QueueUrl"]?.stringValue)
            #expect(url.hasSuffix("/000000000000/orders"))
            let lookedUp = try await client.sqs("GetQueueUrl", .structure(["QueueName": JSONValue("orders")]))
            #expect(lookedUp.body["QueueUrl"]?.stringValue == url)

            let batch = try await client.send(target: "AmazonSQS.SendMessageBatch", body: #"""
                {"QueueUrl":"\#(url)","Entries":[{"Id":"a","MessageBody":"one"},{"Id":"b","MessageBody":"two",
                 "MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}}]}
                """#)
            #expect(batch.body["Successful"]?.arrayValue?.map { $0["Id"]?.stringValue } == ["a", "b"])
            #expect(batch.body["Successful"]?.arrayValue?[1]["MD5OfMessageAttributes"]?.stringValue == "0a77b0642718c3d9dd47090567d11e0d")

            let received = try await client.send(target: "AmazonSQS.ReceiveMessage", body: #"""
                {"QueueUrl":"\#(url)","MaxNumberOfMessages":10,"MessageSystemAttributeNames":["ApproximateReceiveCount"],
                 "MessageAttributeNames":["All"]}
                """#)
            let messages = try #require(received.body["Messages"]?.arrayValue)
            #expect(messages.map { $0["Body"]?.stringValue } == ["one", "two"])
            #expect(messages[0]["MD5OfBody"]?.stringValue == "f97c5d29941bfb1b2fdab0874906ab82")
            #expect(messages[0]["Attributes"]?["ApproximateReceiveCount"]?.stringValue == "1")
            #expect(messages[0]["MessageAttributes"] == nil)
            #expect(messages[1]["MessageAttributes"]?["k"]?["StringValue"]?.stringValue == "v")

            let deleted = try await client.sqs("DeleteMessage", .structure([
                "QueueUrl": JSONValue(url), "ReceiptHandle": try #require(messages[0]["ReceiptHandle"]),
            ]))
            #expect(deleted.status == 200)
            let attributes = try await client.sqs("GetQueueAttributes", .structure([
                "QueueUrl": JSONValue(url), "AttributeNames": .array([JSONValue("ApproximateNumberOfMessagesNotVisible")]),
            ]))
            #expect(attributes.body["Attributes"]?["ApproximateNumberOfMessagesNotVisible"]?.stringValue == "1")
        }
    }

    @Test func missingQueueAnswersWithBothErrorCodes() async throws {
        try await EventsClient.withServer { client in
            let answer = try await client.sqs("GetQueueUrl", .structure(["QueueName": JSONValue("nope")]))
            #expect(answer.status == 400)
            #expect(answer.errorCode == "QueueDoesNotExist")
            #expect(answer.message == "The specified queue does not exist.")
            #expect(answer.queryError == "AWS.SimpleQueueService.NonExistentQueue;Sender")
        }
    }

    @Test func batchRulesAreSQSs() async throws {
        try await EventsClient.withServer { client in
            let url = try #require(try await client.sqs("CreateQueue", .structure(["QueueName": JSONValue("q")])).body["QueueUrl"]?.stringValue)
            let repeated = try await client.send(target: "AmazonSQS.SendMessageBatch", body: #"""
                {"QueueUrl":"\#(url)","Entries":[{"Id":"a","MessageBody":"1"},{"Id":"a","MessageBody":"2"}]}
                """#)
            #expect(repeated.errorCode == "BatchEntryIdsNotDistinct")
            let empty = try await client.send(target: "AmazonSQS.SendMessageBatch", body: #"{"QueueUrl":"\#(url)","Entries":[]}"#)
            #expect(empty.errorCode == "EmptyBatchRequest")
            let tooMany = try await client.sqs("ReceiveMessage", .structure(["QueueUrl": JSONValue(url), "MaxNumberOfMessages": JSONValue(11)]))
            #expect(tooMany.errorCode == "InvalidParameterValue")
            let hiddenTooLong = try await client.sqs("ReceiveMessage", .structure(["QueueUrl": JSONValue(url), "VisibilityTimeout": JSONValue(43_201)]))
            #expect(hiddenTooLong.errorCode == "InvalidParameterValue")
            let body = String(repeating: "x", count: 100_000)
            let tooLong = try await client.send(target: "AmazonSQS.SendMessageBatch", body: #"""
                {"QueueUrl":"\#(url)","Entries":[{"Id":"a","MessageBody":"\#(body)"},{"Id":"b","MessageBody":"\#(body)"},{"Id":"c","MessageBody":"\#(body)"}]}
                """#)
            #expect(tooLong.errorCode == "BatchRequestTooLong")
            #expect(tooLong.queryError == "AWS.SimpleQueueService.BatchRequestTooLong;Sender")
        }
    }
}
