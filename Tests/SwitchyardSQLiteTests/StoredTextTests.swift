import Foundation
import Switchyard
import SwitchyardSQLite
import Testing

/// Client text may hold NUL bytes; SQLite must give back every byte of it.
@Suite struct StoredTextTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let text = "before\u{0}after"

    @Test func resourceTextWithANulByteComesBackWhole() async throws {
        let store = try SQLiteStore.inMemory()
        var bus = EventBus(name: "orders", owner: caller, creationTime: Date())
        bus.description = text
        var rule = Rule(name: "r", eventBusName: "orders", owner: caller)
        rule.description = text
        try await store.write { [bus, rule, text] store in
            try store.save(bus)
            try store.save(rule)
            try store.setTags([Tag(key: text, value: text)], of: bus.arn)
        }
        let (readBus, readRule, tags) = try await store.read { [caller, bus] store in
            (try store.eventBus(named: "orders", owner: caller), try store.rule(named: "r", onBus: "orders", owner: caller),
             try store.tags(of: bus.arn))
        }
        #expect(readBus?.description == text)
        #expect(readRule?.description == text)
        #expect(tags == [Tag(key: text, value: text)])
    }

    @Test func logTextWithANulByteComesBackWholeAndIsFoundByName() async throws {
        let store = try SQLiteStore.inMemory()
        let group = LogGroup(name: "g", owner: caller, creationTime: Date())
        try await store.write { [text] store in
            try store.save(group)
            try store.save(LogStream(name: text, creationTime: Date()), inGroup: group.arn)
            try store.save(LogStream(name: "before", creationTime: Date()), inGroup: group.arn)
            try store.append([LogEvent(streamName: text, timestamp: 1, ingestionTime: 1, message: text)], inGroup: group.arn)
        }
        let (stream, events) = try await store.read { [text] store in
            (try store.logStream(named: text, inGroup: group.arn),
             try store.logEvents(inGroup: group.arn, matching: LogEventQuery(streamNames: [text], limit: 10)))
        }
        #expect(stream?.name == text)
        #expect(events.map(\.message) == [text])
        #expect(try await store.read { try $0.logStreams(inGroup: group.arn) }.count == 2)
    }

    @Test func messageTextWithANulByteComesBackWhole() async throws {
        let store = try SQLiteStore.inMemory()
        let queue = Queue(name: "q", owner: caller, attributes: [:], createdTimestamp: Date())
        let message = QueueMessage(
            id: "m", queueArn: queue.arn, body: text, md5OfBody: "", messageAttributes: nil, md5OfMessageAttributes: nil,
            systemAttributes: [:], sentTime: Date(), visibleAt: Date(timeIntervalSince1970: 0))
        try await store.write { store in
            try store.save(queue)
            try store.append([message])
        }
        let received = try await store.write { store in
            try store.receiveMessages(fromQueue: queue, limit: 1, at: Date(), invisibleUntil: Date().addingTimeInterval(30))
        }
        #expect(received.map(\.body) == [text])
    }
}
