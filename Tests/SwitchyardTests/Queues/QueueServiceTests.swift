import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

struct QueueServiceTests {
    let caller = Caller(account: "111111111111", region: "eu-west-1")
    let clock = TestClock()
    let queues: QueueService

    init() throws {
        let clock = clock
        queues = QueueService(store: try SQLiteStore.temporary(), clock: clock)
    }

    func send(_ body: String, to queue: Queue, groupId: String? = nil, deduplicationId: String? = nil) async throws -> QueueMessage {
        try await queues.send([(queue.arn, OutgoingMessage(body: body, messageGroupId: groupId, messageDeduplicationId: deduplicationId))])[0].get()
    }

    @Test func receivedMessageHidesUntilItsVisibilityTimeoutEnds() async throws {
        let queue = try await queues.createQueue(named: "q", attributes: ["VisibilityTimeout": "10"], caller: caller)
        let sent = try await send("hello", to: queue)
        #expect(sent.md5OfBody == "5d41402abc4b2a76b9719d911017c592")

        let first = try await queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
        #expect(first.map(\.body) == ["hello"])
        #expect(try await queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0).isEmpty)
        clock.advance(by: 10)
        let again = try await queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0)
        #expect(again.first?.receiveCount == 2)
        #expect(again.first?.receiptHandle != first.first?.receiptHandle)

        try await queues.deleteMessage(inQueue: queue.arn, receiptHandle: try #require(again.first?.receiptHandle))
        clock.advance(by: 10)
        #expect(try await queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0).isEmpty)
    }

    /// The clock stands still, so only the arrival can end the wait.
    @Test func longPollReturnsAsSoonAsAMessageArrives() async throws {
        let queue = try await queues.createQueue(named: "q", attributes: [:], caller: caller)
        async let received = queues.receive(fromQueue: queue.arn, maximum: 1, visibilityTimeout: nil, waitTime: 20)
        await clock.waitForSleepers()
        _ = try await queues.send([(queue.arn, OutgoingMessage(body: "late"))])
        #expect(try await received.map(\.body) == ["late"])
    }

    @Test func longPollEndsEmptyWhenTheQueuesWaitTimeHasPassed() async throws {
        let queue = try await queues.createQueue(named: "q", attributes: ["ReceiveMessageWaitTimeSeconds": "20"], caller: caller)
        async let received = queues.receive(fromQueue: queue.arn, maximum: 1, visibilityTimeout: nil, waitTime: nil)
        await clock.waitForSleepers()
        clock.advance(by: 20)
        #expect(try await received.isEmpty)
    }

    /// A delayed message wakes no one when its delay ends: the long poll's
    /// periodic look finds it.
    @Test func longPollReceivesADelayedMessageWhenItsDelayEnds() async throws {
        let queue = try await queues.createQueue(named: "q", attributes: [:], caller: caller)
        _ = try await queues.send([(queue.arn, OutgoingMessage(body: "later", delaySeconds: 5))])
        async let received = queues.receive(fromQueue: queue.arn, maximum: 1, visibilityTimeout: nil, waitTime: 20)
        await clock.waitForSleepers()
        clock.advance(by: 5)
        #expect(try await received.map(\.body) == ["later"])
    }

    @Test func fifoQueueHoldsAGroupWhileItsMessageIsInFlightAndDeduplicates() async throws {
        let queue = try await queues.createQueue(
            named: "q.fifo", attributes: ["FifoQueue": "true", "ContentBasedDeduplication": "true"], caller: caller)
        let first = try await send("a1", to: queue, groupId: "a")
        #expect(try await send("a1", to: queue, groupId: "a").id == first.id)
        _ = try await send("a2", to: queue, groupId: "a")
        _ = try await send("b1", to: queue, groupId: "b")

        let received = try await queues.receive(fromQueue: queue.arn, maximum: 1, visibilityTimeout: nil, waitTime: 0)
        #expect(received.map(\.body) == ["a1"])
        #expect(try await queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0).map(\.body) == ["b1"])
        try await queues.deleteMessage(inQueue: queue.arn, receiptHandle: received[0].receiptHandle!)
        #expect(try await queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0).map(\.body) == ["a2"])
    }

    @Test func fifoQueueRefusesAMessageWithoutGroup() async throws {
        let queue = try await queues.createQueue(named: "q.fifo", attributes: ["FifoQueue": "true"], caller: caller)
        let result = try await queues.send([(queue.arn, OutgoingMessage(body: "x"))])[0]
        #expect(throws: QueueError.missingParameter("MessageGroupId")) { try result.get() }
    }

    @Test func createQueueIsIdempotentUnlessAttributesDiffer() async throws {
        let queue = try await queues.createQueue(named: "q", attributes: ["DelaySeconds": "5"], caller: caller)
        #expect(try await queues.createQueue(named: "q", attributes: ["DelaySeconds": "5"], caller: caller) == queue)
        await #expect(throws: QueueError.queueNameExists("DelaySeconds")) {
            try await queues.createQueue(named: "q", attributes: ["DelaySeconds": "6"], caller: caller)
        }
        await #expect(throws: QueueError.invalidAttributeName("Colour")) {
            try await queues.createQueue(named: "r", attributes: ["Colour": "red"], caller: caller)
        }
    }

    @Test func attributesCountMessagesByState() async throws {
        let queue = try await queues.createQueue(named: "q", attributes: [:], caller: caller)
        _ = try await send("a", to: queue)
        _ = try await send("b", to: queue)
        _ = try await queues.send([(queue.arn, OutgoingMessage(body: "later", delaySeconds: 30))])
        _ = try await queues.receive(fromQueue: queue.arn, maximum: 1, visibilityTimeout: nil, waitTime: 0)
        let attributes = try await queues.attributes(ofQueue: queue.arn, names: ["All"])
        #expect(attributes["ApproximateNumberOfMessages"] == "1")
        #expect(attributes["ApproximateNumberOfMessagesNotVisible"] == "1")
        #expect(attributes["ApproximateNumberOfMessagesDelayed"] == "1")
        #expect(attributes["QueueArn"] == "arn:aws:sqs:eu-west-1:111111111111:q")
    }

    @Test func messageAttributesDigestIsSQSs() async throws {
        let queue = try await queues.createQueue(named: "q", attributes: [:], caller: caller)
        let attributes = try JSONParser.parse(#"{"k":{"DataType":"String","StringValue":"v"}}"#)
        let sent = try await queues.send([(queue.arn, OutgoingMessage(body: "b", messageAttributes: attributes))])[0].get()
        // MD5 of 00000001 'k' 00000006 'String' 01 00000001 'v', as the SQS docs define it.
        #expect(sent.md5OfMessageAttributes == "0a77b0642718c3d9dd47090567d11e0d")
    }

    /// Receives and counts leave expired messages out; a dead-letter queue nobody
    /// reads is kept within its retention by the sweeper, which deletes them.
    @Test func expiryRemovesOldMessagesFromAQueueNobodyReads() async throws {
        let queue = try await queues.createQueue(named: "dlq", attributes: ["MessageRetentionPeriod": "60"], caller: caller)
        _ = try await send("old", to: queue)
        clock.advance(by: 30)
        _ = try await send("new", to: queue)
        clock.advance(by: 31)
        try await Retention(store: queues.store, logger: Logger(label: "test"), clock: clock).sweep()
        // Counted as of a moment when both messages were within their retention:
        // only what the sweep deleted is missing.
        let beforeExpiry = clock.now.addingTimeInterval(-30)
        let counts = try await queues.store.read { try await $0.queues.messageCounts(in: queue, at: beforeExpiry) }
        #expect(counts.visible == 1)
    }

    @Test func sweeperRunsOncePerIntervalOfItsClock() async throws {
        let queue = try await queues.createQueue(named: "dlq", attributes: ["MessageRetentionPeriod": "60"], caller: caller)
        _ = try await send("old", to: queue)
        let sweeper = Retention(store: queues.store, logger: Logger(label: "test"), clock: clock)
        let running = Task { await sweeper.keepSweeping() }
        defer { running.cancel() }
        await clock.waitForSleepers()
        // Counted as of the send, when the message was within its retention: only a
        // sweep that deleted it makes the count drop.
        let sentAt = clock.now
        let count = { try await queues.store.read { try await $0.queues.messageCounts(in: queue, at: sentAt) }.visible }
        #expect(try await count() == 1)
        clock.advance(by: 61)
        await clock.waitForSleepers()
        #expect(try await count() == 0)
    }

    @Test func deduplicationIdOutlivesItsMessageForFiveMinutes() async throws {
        let queue = try await queues.createQueue(named: "q.fifo", attributes: ["FifoQueue": "true"], caller: caller)
        let first = try await send("a", to: queue, groupId: "g", deduplicationId: "d")
        let received = try await queues.receive(fromQueue: queue.arn, maximum: 1, visibilityTimeout: nil, waitTime: 0)
        try await queues.deleteMessage(inQueue: queue.arn, receiptHandle: try #require(received.first?.receiptHandle))

        let repeated = try await send("b", to: queue, groupId: "g", deduplicationId: "d")
        #expect(repeated.id == first.id)
        #expect(try await queues.receive(fromQueue: queue.arn, maximum: 1, visibilityTimeout: nil, waitTime: 0).isEmpty)

        clock.advance(by: 301)
        try await Retention(store: queues.store, logger: Logger(label: "test"), clock: clock).sweep()
        let later = try await send("c", to: queue, groupId: "g", deduplicationId: "d")
        #expect(later.id != first.id)
        #expect(try await queues.receive(fromQueue: queue.arn, maximum: 1, visibilityTimeout: nil, waitTime: 0).map(\.body) == ["c"])
    }
}
