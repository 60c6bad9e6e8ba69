import EventPatterns
import Foundation
import Switchyard
import Testing

struct CloudTrailHistoryTests {
    static let record = #"{"eventVersion":"1.08","userIdentity":{"type":"Root","accountId":"111122223333"},"eventTime":"2024-01-15T10:05:12Z","eventSource":"s3.amazonaws.com","eventName":"CreateBucket","awsRegion":"eu-west-1","readOnly":false,"eventType":"AwsApiCall","recipientAccountId":"111122223333","requestParameters":{"bucketName":"a \"quoted\" bucket]}"}}"#

    func events(_ text: String, account: String? = nil) throws -> (events: [HistoricalEvent], skipped: [HistoricalEvent.Skipped]) {
        try CloudTrailHistory.events(inFileBytes: Array(text.utf8), account: account)
    }

    @Test func aLogFilesRecordBecomesTheEventEventBridgeDelivers() throws {
        let (events, skipped) = try events(#"{"Records": [ \#(Self.record) ]}"#)
        #expect(skipped.isEmpty)
        let event = try JSONParser.parse(try #require(events.first).text)
        #expect(event["source"]?.stringValue == "aws.s3")
        #expect(event["detail-type"]?.stringValue == "AWS API Call via CloudTrail")
        #expect(event["account"]?.stringValue == "111122223333")
        #expect(event["region"]?.stringValue == "eu-west-1")
        #expect(event["time"]?.stringValue == "2024-01-15T10:05:12Z")
        #expect(event["resources"] == .array([]))
        #expect(event["detail"] == (try JSONParser.parse(Self.record)), "the record's bytes, whole")
        #expect(events.first?.region == "eu-west-1")
    }

    @Test func lookupEventsOutputAndEscapedMembersAreReadWhole() throws {
        let escaped = Self.record.replacingOccurrences(of: #""eventName":"CreateBucket""#, with: #""eventName":"Create\u0042ucket""#)
            .replacingOccurrences(of: #""awsRegion":"eu-west-1""#, with: #""awsRegion":"eu\u002dwest-1""#)
        let fromFile = try events(#"{"Records":[\#(escaped)]}"#, account: "999999999999")
        #expect(fromFile.events.first?.region == "eu-west-1")
        #expect(try JSONParser.parse(try #require(fromFile.events.first).text)["account"]?.stringValue == "999999999999")
        let lookup = JSONValue.structure(["Events": .array([.structure(["CloudTrailEvent": JSONValue(Self.record)])])]).jsonText
        #expect(try events(lookup).events.count == 1)
    }

    @Test func whatEventBridgeDoesNotDeliverIsSkipped() throws {
        let insight = Self.record.replacingOccurrences(of: "AwsApiCall", with: "AwsCloudTrailInsight")
        let huge = Self.record.replacingOccurrences(of: "CreateBucket", with: String(repeating: "x", count: 262_144))
        let incomplete = #"{"eventName":"x"}"#
        let (events, skipped) = try events(#"{"Records":[\#(insight),\#(huge),\#(incomplete)]}"#)
        #expect(events.isEmpty)
        #expect(skipped.map { "\($0)" } == ["notDelivered", "overSizeLimit", "incomplete"])
    }
}
