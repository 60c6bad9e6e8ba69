import Foundation
import Switchyard
import SwitchyardSQLite
import Testing

/// Client text may hold NUL bytes; SQLite must give back every byte of it.
@Suite struct StoredTextTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let text = "before\u{0}after"

    @Test func resourceTextWithANulByteComesBackWhole() async throws {
        let store = try SQLiteStore.temporary()
        var bus = EventBus(name: "orders", owner: caller, creationTime: Date())
        bus.description = text
        var rule = Rule(name: "r", eventBusName: "orders", owner: caller)
        rule.description = text
        try await store.write { [bus, rule, text] store in
            try await store.resources.save(bus)
            try await store.resources.save(rule)
            try await store.resources.setTags([Tag(key: text, value: text)], of: bus.arn)
        }
        let (readBus, readRule, tags) = try await store.read { [caller, bus] store in
            (try await store.resources.eventBus(named: "orders", owner: caller), try await store.resources.rule(named: "r", onBus: "orders", owner: caller),
             try await store.resources.tags(of: bus.arn))
        }
        #expect(readBus?.description == text)
        #expect(readRule?.description == text)
        #expect(tags == [Tag(key: text, value: text)])
    }

    @Test func logTextWithANulByteComesBackWholeAndIsFoundByName() async throws {
        let store = try SQLiteStore.temporary()
        let group = LogGroup(name: "g", owner: caller, creationTime: Date())
        try await store.write { [text] store in
            try await store.logs.save(group)
            try await store.logs.save(LogStream(name: text, creationTime: Date()), inGroup: group.arn)
            try await store.logs.save(LogStream(name: "before", creationTime: Date()), inGroup: group.arn)
            try await store.logs.append([LogEvent(streamName: text, timestamp: 1, ingestionTime: 1, message: text)], inGroup: group.arn)
        }
        let (stream, events) = try await store.read { [text] store in
            (try await store.logs.logStream(named: text, inGroup: group.arn),
             try await store.logs.logEvents(inGroup: group.arn, matching: LogEventQuery(streamNames: [text], limit: 10)))
        }
        #expect(stream?.name == text)
        #expect(events.map(\.message) == [text])
        #expect(try await store.read { try await $0.logs.logStreams(inGroup: group.arn) }.count == 2)
    }

    @Test func messageTextWithANulByteComesBackWhole() async throws {
        let store = try SQLiteStore.temporary()
        let queue = Queue(name: "q", owner: caller, attributes: [:], createdTimestamp: Date())
        let message = QueueMessage(
            id: "m", queueArn: queue.arn, body: text, md5OfBody: "", messageAttributes: nil, md5OfMessageAttributes: nil,
            systemAttributes: [:], sentTime: Date(), visibleAt: Date(timeIntervalSince1970: 0))
        try await store.write { store in
            try await store.queues.save(queue)
            try await store.queues.append([message])
        }
        let received = try await store.write { store in
            try await store.queues.receiveMessages(fromQueue: queue, limit: 1, at: Date(), invisibleUntil: Date().addingTimeInterval(30))
        }
        #expect(received.map(\.body) == [text])
    }
}
