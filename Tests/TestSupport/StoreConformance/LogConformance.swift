import Foundation
import Switchyard
import Testing

extension StoreConformance {
    static let groupArn = LogGroup.arn("/aws/events/g", Fixture.caller)

    static func makeLogGroup(_ store: any Store, streams: [String], events: [LogEvent]) async throws {
        try await store.write {
            try await $0.logs.save(LogGroup(name: "/aws/events/g", owner: Fixture.caller, creationTime: t0))
            for name in streams {
                try await $0.logs.save(LogStream(name: name, creationTime: t0), inGroup: groupArn)
            }
            try await $0.logs.append(events, inGroup: groupArn)
        }
    }

    static func logEvents(_ store: any Store, _ query: LogEventQuery) async throws -> [String] {
        try await store.read { try await $0.logs.logEvents(inGroup: groupArn, matching: query).map(\.message) }
    }

    public static let logs: [StoreCheck] = [
        StoreCheck("groups and streams round-trip and list in byte order") { store in
            try await makeLogGroup(store, streams: ["b", "B", Fixture.textWithNUL], events: [])
            try await store.write {
                try await $0.logs.save(LogGroup(name: "/A", owner: Fixture.caller, creationTime: t0))
                try await $0.logs.save(LogGroup(name: "/other", owner: Fixture.other, creationTime: t0))
            }
            #expect(try await store.read { try await $0.logs.logGroups(owner: Fixture.caller).map(\.name) } == ["/A", "/aws/events/g"])
            #expect(try await store.read { try await $0.logs.logStreams(inGroup: groupArn).map(\.name) } == ["B", "b", Fixture.textWithNUL])
            var stream = try #require(try await store.read { try await $0.logs.logStream(named: Fixture.textWithNUL, inGroup: groupArn) })
            stream.firstEventTimestamp = 5
            stream.lastEventTimestamp = 9
            stream.lastIngestionTime = 10
            try await store.write { [stream] in try await $0.logs.save(stream, inGroup: groupArn) }
            #expect(try await store.read { try await $0.logs.logStream(named: Fixture.textWithNUL, inGroup: groupArn) } == stream)
        },
        StoreCheck("events are read in stored order within every bound a query sets") { store in
            let events = [
                LogEvent(streamName: "s1", timestamp: 10, ingestionTime: 1, message: Fixture.textWithNUL),
                LogEvent(streamName: "s2", timestamp: 20, ingestionTime: 1, message: "two"),
                LogEvent(streamName: "t1", timestamp: 30, ingestionTime: 1, message: "three"),
                LogEvent(streamName: "s1", timestamp: 40, ingestionTime: 1, message: "four"),
            ]
            try await makeLogGroup(store, streams: ["s1", "s2", "t1"], events: events)
            #expect(try await logEvents(store, LogEventQuery(limit: 10)) == [Fixture.textWithNUL, "two", "three", "four"])
            #expect(try await logEvents(store, LogEventQuery(streamNames: ["s1", "t1"], limit: 10)) == [Fixture.textWithNUL, "three", "four"])
            #expect(try await logEvents(store, LogEventQuery(streamNamePrefix: "s", limit: 10)) == [Fixture.textWithNUL, "two", "four"])
            #expect(try await logEvents(store, LogEventQuery(startTime: 20, endTime: 40, limit: 10)) == ["two", "three"])
            #expect(try await logEvents(store, LogEventQuery(newestFirst: true, limit: 2)) == ["four", "three"])
            let all = try await store.read { try await $0.logs.logEvents(inGroup: groupArn, matching: LogEventQuery(limit: 10)) }
            #expect(try await logEvents(store, LogEventQuery(afterSequence: all[0].sequence, beforeSequence: all[3].sequence, limit: 10))
                == ["two", "three"])
            #expect(all.map(\.streamName) == ["s1", "s2", "t1", "s1"])
        },
        StoreCheck("deleting a group deletes its streams and events") { store in
            try await makeLogGroup(store, streams: ["s"], events: [LogEvent(streamName: "s", timestamp: 1, ingestionTime: 1, message: "m")])
            try await store.write { try await $0.logs.deleteLogGroup(arn: groupArn) }
            #expect(try await store.read { try await $0.logs.logGroup(arn: groupArn) } == nil)
            #expect(try await store.read { try await $0.logs.logStreams(inGroup: groupArn) }.isEmpty)
            #expect(try await logEvents(store, LogEventQuery(limit: 10)).isEmpty)
        },
    ]
}
