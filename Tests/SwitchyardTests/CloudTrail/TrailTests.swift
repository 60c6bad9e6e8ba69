import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

struct TrailTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let backend: Backend

    init() throws {
        backend = Backend(store: try SQLiteStore.temporary(), logger: Logger(label: "test"), clock: TestClock())
    }

    func settings(bucket: String = "logs", multiRegion: Bool? = nil) -> ControlPlane.TrailSettings {
        var settings = ControlPlane.TrailSettings()
        settings.s3BucketName = bucket
        settings.isMultiRegionTrail = multiRegion
        return settings
    }

    func record(_ eventName: String, readOnly: Bool = false, source: String = "events.amazonaws.com",
                management: Bool = true, resources: [CloudTrailRecord.Resource] = []) -> CloudTrailRecord {
        CloudTrailRecord(
            owner: caller, eventId: "e", eventTime: Date(), eventSource: source, eventName: eventName, readOnly: readOnly,
            isManagement: management, username: "root", resources: resources, text: "{}")
    }

    @Test(arguments: [
        ("ab", "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters."),
        (String(repeating: "a", count: 129), "Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters."),
        ("-abc", "Trail name must starts with a letter or number."),
        ("abc_", "Trail name must ends with a letter or number."),
        ("a b c", "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_)."),
        ("a--b", "Trail name cannot have adjacent periods, hyphens or underscores."),
        ("192.168.5.4", "Trail name cannot be formatted as an IP address."),
    ])
    func trailNamesFollowAWSsRules(_ name: String, _ message: String) async throws {
        let error = await #expect(throws: ServiceError.self) {
            _ = try await backend.controlPlane.createTrail(name, settings(), tags: [], caller: caller)
        }
        #expect(error?.code == "InvalidTrailNameException")
        #expect(error?.message == message)
    }

    @Test func aMultiRegionTrailIsSeenFromEveryRegionAndChangedOnlyFromItsHome() async throws {
        _ = try await backend.controlPlane.createTrail("everywhere", settings(multiRegion: true), tags: [], caller: caller)
        _ = try await backend.controlPlane.createTrail("here", settings(), tags: [], caller: caller)
        let elsewhere = Caller(account: caller.account, region: "us-east-1")
        #expect(try await backend.controlPlane.describeTrails(nil, includeShadowTrails: true, caller: elsewhere).map(\.name) == ["everywhere"])
        #expect(try await backend.controlPlane.describeTrails(nil, includeShadowTrails: false, caller: elsewhere).isEmpty)
        #expect(try await backend.controlPlane.trail("everywhere", caller: elsewhere).owner == caller)
        let refused = await #expect(throws: ServiceError.self) { try await backend.controlPlane.startLogging("everywhere", caller: elsewhere) }
        #expect(refused?.code == "InvalidHomeRegionException")
        let missing = await #expect(throws: ServiceError.self) { _ = try await backend.controlPlane.trail("here", caller: elsewhere) }
        #expect(missing?.code == "TrailNotFoundException")
        #expect(try await backend.controlPlane.listTrails(nextToken: nil, caller: elsewhere).items.map(\.name) == ["everywhere", "here"])
    }

    @Test func basicSelectorsPickManagementCallsByReadWriteTypeAndSource() {
        let writes = TrailSelectors(
            eventSelectors: try? JSONParser.parse(#"[{"ReadWriteType":"WriteOnly","ExcludeManagementEventSources":["sqs.amazonaws.com"]}]"#),
            advancedEventSelectors: nil)
        #expect(writes.selects(record("PutRule")))
        #expect(!writes.selects(record("ListRules", readOnly: true)))
        #expect(!writes.selects(record("CreateQueue", source: "sqs.amazonaws.com")))
        #expect(!TrailSelectors.default.selects(record("SendMessage", management: false)))
        #expect(TrailSelectors.default.selects(record("ListRules", readOnly: true)))
    }

    @Test func advancedSelectorsMatchEveryFieldOfOneSelector() throws {
        let queues = TrailSelectors(eventSelectors: nil, advancedEventSelectors: try JSONParser.parse(#"""
            [{"FieldSelectors":[
              {"Field":"eventCategory","Equals":["Data"]},
              {"Field":"resources.type","Equals":["AWS::SQS::Queue"]},
              {"Field":"resources.ARN","StartsWith":["arn:aws:sqs:eu-west-1:111111111111:orders"],"NotEndsWith":[".fifo"]},
              {"Field":"errorCode","NotEquals":["AccessDenied"]}]}]
            """#))
        func queue(_ name: String) -> [CloudTrailRecord.Resource] {
            [.init(type: "AWS::SQS::Queue", name: "arn:aws:sqs:eu-west-1:111111111111:\(name)")]
        }
        #expect(queues.selects(record("SendMessage", management: false, resources: queue("orders-eu"))))
        #expect(!queues.selects(record("SendMessage", management: false, resources: queue("orders.fifo"))))
        #expect(!queues.selects(record("SendMessage", management: false, resources: queue("billing"))))
        #expect(!queues.selects(record("CreateQueue", resources: queue("orders"))))
    }

    @Test func selectorsAreOneKindOrTheOther() async throws {
        _ = try await backend.controlPlane.createTrail("audit", settings(), tags: [], caller: caller)
        let both = await #expect(throws: ServiceError.self) {
            _ = try await backend.controlPlane.putEventSelectors(
                "audit", eventSelectors: .array([]), advancedEventSelectors: .array([]), caller: caller)
        }
        #expect(both?.code == "InvalidParameterCombinationException")
        let trail = try await backend.controlPlane.putEventSelectors(
            "audit", eventSelectors: try JSONParser.parse(#"[{"ReadWriteType":"ReadOnly"}]"#), advancedEventSelectors: nil, caller: caller)
        #expect(trail.selectors.eventSelectors?.jsonText
            == #"[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}]"#)
        #expect(trail.selectors.isCustom)
    }

    @Test func trailsAreTaggedByTheirARN() async throws {
        let trail = try await backend.controlPlane.createTrail("audit", settings(), tags: [Tag(key: "team", value: "a")], caller: caller)
        try await backend.controlPlane.addTrailTags(trail.arn, [Tag(key: "team", value: "b"), Tag(key: "cost", value: "1")], caller: caller)
        try await backend.controlPlane.removeTrailTags(trail.arn, keys: ["cost"], caller: caller)
        let listed = try await backend.controlPlane.trailTags([trail.arn], caller: caller)
        #expect(listed.map(\.tags) == [[Tag(key: "team", value: "b")]])
        let byName = await #expect(throws: ServiceError.self) { try await backend.controlPlane.addTrailTags("audit", [], caller: caller) }
        #expect(byName?.code == "CloudTrailARNInvalidException")
        let tooMany = (0..<51).map { Tag(key: "k\($0)", value: "") }
        let limit = await #expect(throws: ServiceError.self) { try await backend.controlPlane.addTrailTags(trail.arn, tooMany, caller: caller) }
        #expect(limit?.code == "TagsLimitExceededException")
    }

    @Test func lookupRefusesWhatCloudTrailRefuses() async throws {
        let lookup = backend.controlPlane
        for (attributes, start, end, token, code) in [
            ([ControlPlane.LookupAttributeInput(key: "EventName", value: "a"), .init(key: "Username", value: "b")], nil, nil, nil as String?, "InvalidLookupAttributesException"),
            ([.init(key: "ReadOnly", value: "maybe")], nil, nil, nil, "InvalidLookupAttributesException"),
            ([], Date(timeIntervalSince1970: 10), Date(timeIntervalSince1970: 5), nil, "InvalidTimeRangeException"),
            ([], nil, nil, "not a token", "InvalidNextTokenException"),
        ] as [([ControlPlane.LookupAttributeInput], Date?, Date?, String?, String)] {
            let error = await #expect(throws: ServiceError.self) {
                _ = try await lookup.lookupEvents(attributes, startTime: start, endTime: end, maxResults: nil, nextToken: token, caller: caller)
            }
            #expect(error?.code == code)
        }
    }
}
