import EventPatterns
import Foundation
import Switchyard
import Testing

extension StoreConformance {
    static let queueArn = Queue.arn("q", Fixture.caller)

    static func message(
        _ id: String, body: String = "body", group: String? = nil, deduplicationId: String? = nil, sentAt: Date = t0,
        queue: String = queueArn
    ) -> QueueMessage {
        var system = ["SentTimestamp": "1700000000000"]
        system["MessageGroupId"] = group
        system["MessageDeduplicationId"] = deduplicationId
        return QueueMessage(
            id: id, queueArn: queue, body: body, md5OfBody: "md5", messageAttributes: .structure(["a": JSONValue("b")]),
            md5OfMessageAttributes: "md5a", systemAttributes: system, sentTime: sentAt, visibleAt: sentAt)
    }

    static func makeQueue(_ store: any Store, fifo: Bool = false) async throws -> Queue {
        let queue = Queue(
            name: fifo ? "q.fifo" : "q", owner: Fixture.caller, attributes: fifo ? ["FifoQueue": "true"] : ["DelaySeconds": "0"],
            createdTimestamp: t0)
        try await store.write { try await $0.queues.save(queue) }
        return queue
    }

    static func receive(_ store: any Store, _ queue: Queue, at moment: Date, limit: Int = 10) async throws -> [QueueMessage] {
        try await store.write {
            try await $0.queues.receiveMessages(fromQueue: queue, limit: limit, at: moment, invisibleUntil: moment.addingTimeInterval(30))
        }
    }

    public static let queues: [StoreCheck] = [
        StoreCheck("queues round-trip and list in byte order, per owner") { store in
            let queue = try await makeQueue(store)
            try await store.write {
                try await $0.queues.save(Queue(name: "B", owner: Fixture.caller, attributes: [:], createdTimestamp: t0))
                try await $0.queues.save(Queue(name: "other", owner: Fixture.other, attributes: [:], createdTimestamp: t0))
            }
            #expect(try await store.read { try await $0.queues.queue(arn: queue.arn) } == queue)
            #expect(try await store.read { try await $0.queues.queues(owner: Fixture.caller).map(\.name) } == ["B", "q"])
        },
        StoreCheck("messages are received oldest first, whole, and hidden until their visibility ends") { store in
            let queue = try await makeQueue(store)
            try await store.write {
                try await $0.queues.append([message("1", body: Fixture.textWithNUL), message("2"), message("3")])
            }
            let first = try await receive(store, queue, at: t0, limit: 2)
            #expect(first.map(\.id) == ["1", "2"])
            #expect(first[0].body == Fixture.textWithNUL)
            #expect(first[0].messageAttributes == .structure(["a": JSONValue("b")]))
            #expect(first[0].receiveCount == 1)
            #expect(first[0].receiptHandle != nil)
            let counts = try await store.read { try await $0.queues.messageCounts(in: queue, at: t0) }
            #expect(counts == Queue.MessageCounts(visible: 1, inFlight: 2, delayed: 0))
            #expect(try await receive(store, queue, at: t0.addingTimeInterval(1)).map(\.id) == ["3"])
            let again = try await receive(store, queue, at: t0.addingTimeInterval(30))
            #expect(again.map(\.id) == ["1", "2"])
            #expect(again[0].receiveCount == 2)
            #expect(again[0].firstReceiveTime == t0)
            #expect(again[0].receiptHandle != first[0].receiptHandle)
        },
        StoreCheck("a delayed message counts as delayed until it is visible") { store in
            let queue = try await makeQueue(store)
            var delayed = message("1")
            delayed.visibleAt = t0.addingTimeInterval(5)
            try await store.write { [delayed] in try await $0.queues.append([delayed]) }
            #expect(try await store.read { try await $0.queues.messageCounts(in: queue, at: t0) }.delayed == 1)
            #expect(try await receive(store, queue, at: t0).isEmpty)
            #expect(try await receive(store, queue, at: t0.addingTimeInterval(5)).count == 1)
        },
        StoreCheck("delete and change visibility go by receipt handle") { store in
            let queue = try await makeQueue(store)
            try await store.write { try await $0.queues.append([message("1"), message("2")]) }
            let received = try await receive(store, queue, at: t0)
            let handle = try #require(received[0].receiptHandle)
            let deleted = try await store.write { try await $0.queues.deleteMessages(inQueue: queue.arn, receiptHandles: [handle, "stale"]) }
            #expect(deleted == [handle])
            let deletedAgain = try await store.write { try await $0.queues.deleteMessages(inQueue: queue.arn, receiptHandles: [handle]) }
            #expect(deletedAgain.isEmpty)
            let changed = try await store.write {
                try await $0.queues.changeVisibility(inQueue: queue.arn, receiptHandle: received[1].receiptHandle!, visibleAt: t0)
            }
            #expect(changed)
            #expect(try await receive(store, queue, at: t0).map(\.id) == ["2"])
        },
        StoreCheck("a FIFO queue holds back a group with a message in flight") { store in
            let queue = try await makeQueue(store, fifo: true)
            try await store.write {
                try await $0.queues.append([
                    message("a1", group: "a", queue: queue.arn), message("a2", group: "a", queue: queue.arn),
                    message("b1", group: "b", queue: queue.arn),
                ])
            }
            #expect(try await receive(store, queue, at: t0, limit: 1).map(\.id) == ["a1"])
            #expect(try await receive(store, queue, at: t0).map(\.id) == ["b1"])
        },
        StoreCheck("a deduplication id outlives its message until it is forgotten") { store in
            let queue = try await makeQueue(store, fifo: true)
            try await store.write { try await $0.queues.append([message("1", group: "g", deduplicationId: Fixture.textWithNUL, queue: queue.arn)]) }
            try await store.write { try await $0.queues.purgeQueue(arn: queue.arn) }
            let remembered = try await store.write {
                try await $0.queues.deduplicatedMessageId(inQueue: queue.arn, deduplicationId: Fixture.textWithNUL, since: t0)
            }
            #expect(remembered == "1")
            try await store.write { try await $0.queues.expireMessages(at: t0, deduplicatedSince: t0.addingTimeInterval(1)) }
            let forgotten = try await store.write {
                try await $0.queues.deduplicatedMessageId(inQueue: queue.arn, deduplicationId: Fixture.textWithNUL, since: t0)
            }
            #expect(forgotten == nil)
        },
        StoreCheck("messages past their queue's retention are never received, and the sweep removes them") { store in
            let queue = try await makeQueue(store)
            try await store.write { try await $0.queues.append([message("old"), message("new", sentAt: t0.addingTimeInterval(100))]) }
            let later = t0.addingTimeInterval(TimeInterval(queue.messageRetentionPeriod) + 50)
            #expect(try await store.read { try await $0.queues.messageCounts(in: queue, at: later) }.visible == 1)
            #expect(try await receive(store, queue, at: later).map(\.id) == ["new"])
            try await store.write { try await $0.queues.expireMessages(at: later, deduplicatedSince: t0) }
            let afterSweep = later.addingTimeInterval(-TimeInterval(queue.messageRetentionPeriod) - 100)
            #expect(try await store.read { try await $0.queues.messageCounts(in: queue, at: afterSweep) }.inFlight == 1,
                    "only the received message is left")
        },
        StoreCheck("a cheap look tells whether a receive could find a message") { store in
            let queue = try await makeQueue(store)
            #expect(try await !store.read { try await $0.queues.hasVisibleMessages(in: queue, at: t0) })
            var delayed = message("1")
            delayed.visibleAt = t0.addingTimeInterval(5)
            try await store.write { [delayed] in try await $0.queues.append([delayed]) }
            #expect(try await !store.read { try await $0.queues.hasVisibleMessages(in: queue, at: t0) })
            #expect(try await store.read { try await $0.queues.hasVisibleMessages(in: queue, at: t0.addingTimeInterval(5)) })
        },
        StoreCheck("deleting a queue deletes its messages") { store in
            let queue = try await makeQueue(store)
            try await store.write { try await $0.queues.append([message("1")]) }
            try await store.write { try await $0.queues.deleteQueue(arn: queue.arn) }
            #expect(try await store.read { try await $0.queues.queue(arn: queue.arn) } == nil)
            #expect(try await store.read { try await $0.queues.messageCounts(in: queue, at: t0) } == .init(visible: 0, inFlight: 0, delayed: 0))
        },
        StoreCheck("concurrent receivers never get the same message") { store in
            let queue = try await makeQueue(store)
            try await store.write { try await $0.queues.append((0..<100).map { message("m\($0)") }) }
            let received = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<10 {
                    group.addTask { try await receive(store, queue, at: t0, limit: 10).map(\.id) }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(received.count == 100)
            #expect(Set(received).count == 100)
        },
    ]
}
