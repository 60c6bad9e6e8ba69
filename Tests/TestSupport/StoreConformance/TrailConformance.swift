import EventPatterns
import Foundation
import Switchyard
import Testing

extension StoreConformance {
    static func makeRecord(
        _ eventName: String, at seconds: TimeInterval, owner: Caller = Fixture.caller, readOnly: Bool = false,
        resources: [CloudTrailRecord.Resource] = []
    ) -> CloudTrailRecord {
        var record = CloudTrailRecord(
            owner: owner, eventId: "id-\(eventName)-\(seconds)", eventTime: t0.addingTimeInterval(seconds),
            eventSource: "events.amazonaws.com", eventName: eventName, readOnly: readOnly, isManagement: true,
            username: "root", resources: resources, text: #"{"eventName":"\#(eventName)","note":"\#(Fixture.textWithNUL.debugDescription)"}"#)
        record.accessKeyId = "AKIDEXAMPLE"
        return record
    }

    public static let trails: [StoreCheck] = [
        StoreCheck("trails round-trip whole, list by account across Regions, and are deleted") { store in
            var trail = Trail(name: "audit", owner: Fixture.caller, s3BucketName: "bucket", creationTime: t0)
            trail.s3KeyPrefix = "prefix"
            trail.isMultiRegionTrail = true
            trail.tags = [Tag(key: "team", value: Fixture.textWithNUL)]
            trail.selectors = TrailSelectors(eventSelectors: nil, advancedEventSelectors: try JSONParser.parse(
                #"[{"Name":"sqs","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]}]}]"#))
            trail.isLogging = true
            trail.startLoggingTime = t0.addingTimeInterval(1.5)
            let elsewhere = Trail(name: "audit", owner: Caller(account: Fixture.caller.account, region: "us-west-2"), s3BucketName: "b", creationTime: t0)
            let otherAccount = Trail(name: "theirs", owner: Fixture.other, s3BucketName: "b", creationTime: t0)
            try await store.write { [trail] store in
                for each in [trail, elsewhere, otherAccount] { try await store.trails.save(each) }
            }
            #expect(try await store.read { try await $0.trails.trail(named: "audit", owner: Fixture.caller) } == trail)
            #expect(try await store.read { try await $0.trails.trails(account: Fixture.caller.account).map(\.owner.region) }
                == ["eu-west-1", "us-west-2"])
            #expect(try await store.read { try await $0.trails.loggingTrails().map(\.arn) } == [trail.arn])
            try await store.write { try await $0.trails.deleteTrail(named: "audit", owner: Fixture.caller) }
            #expect(try await store.read { try await $0.trails.trail(named: "audit", owner: Fixture.caller) } == nil)
        },
        StoreCheck("event history is looked up newest first, by one attribute, in pages, and purged by age") { store in
            let queue = CloudTrailRecord.Resource(type: "AWS::SQS::Queue", name: "arn:aws:sqs:eu-west-1:111111111111:q")
            let records = [
                makeRecord("CreateEventBus", at: 1), makeRecord("ListRules", at: 2, readOnly: true),
                makeRecord("CreateQueue", at: 3, resources: [queue]), makeRecord("CreateEventBus", at: 3),
                makeRecord("CreateEventBus", at: 4, owner: Fixture.other),
            ]
            try await store.write { try await $0.trails.appendHistory(records) }
            let window = t0...t0.addingTimeInterval(10)
            func lookup(_ attribute: LookupAttribute?, after cursor: HistoryCursor? = nil, limit: Int = 10) async throws
                -> [(record: CloudTrailRecord, cursor: HistoryCursor)] {
                try await store.read { try await $0.trails.history(owner: Fixture.caller, in: window, matching: attribute, after: cursor, limit: limit) }
            }
            #expect(try await lookup(nil).map(\.record.eventName) == ["CreateEventBus", "CreateQueue", "ListRules", "CreateEventBus"])
            #expect(try await lookup(nil).first?.record == records[3])
            #expect(try await lookup(.eventName("CreateEventBus")).map(\.record.eventTime) == [t0.addingTimeInterval(3), t0.addingTimeInterval(1)])
            #expect(try await lookup(.readOnly(true)).map(\.record.eventName) == ["ListRules"])
            #expect(try await lookup(.resourceType("AWS::SQS::Queue")).map(\.record.eventName) == ["CreateQueue"])
            #expect(try await lookup(.resourceName(queue.name)).map(\.record.resources) == [[queue]])
            #expect(try await lookup(.resourceName("arn:aws:sqs:eu-west-1:111111111111")).isEmpty)
            #expect(try await lookup(.accessKeyId("AKIDEXAMPLE")).count == 4)
            let first = try await lookup(nil, limit: 2)
            let rest = try await lookup(nil, after: first.last?.cursor)
            #expect((first + rest).map(\.record.eventId) == records[0..<4].reversed().map(\.eventId))
            #expect(try await store.write { try await $0.trails.purgeHistory(before: t0.addingTimeInterval(2.5)) } == 2)
            #expect(try await lookup(nil).map(\.record.eventName) == ["CreateEventBus", "CreateQueue"])
        },
    ]
}
