import Foundation
import Crypto
import ServiceLifecycle

/// The SQS-compatible queue service: queues and their messages, with SQS's
/// visibility timeouts, delays, long polling, FIFO message groups and
/// deduplication. Event targets and dead-letter queues deliver through it.
public struct QueueService: Sendable {
    public let store: any Store
    let clock: any WallClock
    let organizations: any Organizations

    /// How often a long poll looks again without an arrival: delayed and in-flight
    /// messages become visible with none.
    let recheckInterval: Duration

    public init(
        store: any Store, recheckInterval: Duration = .seconds(1), clock: any WallClock = SystemClock(),
        organizations: any Organizations = NoOrganizations()
    ) {
        self.store = store
        self.organizations = organizations
        self.recheckInterval = recheckInterval
        self.clock = clock
    }

    /// The ARN of the queue a URL names (`…/ACCOUNT/NAME`), in the caller's Region.
    /// Another account's queue is reached only where its `Policy` allows the caller
    /// `action` (`sqs:SendMessage`, …); otherwise SQS's `AccessDenied`, whether or
    /// not the queue exists.
    public func queueArn(url: String, caller: Caller, action: String) async throws -> String {
        let path = url.split(separator: "/")
        guard path.count >= 2, path[path.count - 2].count == 12, path[path.count - 2].allSatisfy(\.isNumber) else {
            throw QueueError.queueDoesNotExist
        }
        let owner = Caller(account: String(path[path.count - 2]), region: caller.region)
        let arn = Queue.arn(String(path[path.count - 1]), owner)
        guard owner.account != caller.account else { return arn }
        guard try await queue(arn, allows: caller, action) else {
            throw QueueError.accessDenied("https://sqs.\(caller.region).amazonaws.com/\(owner.account)/\(path[path.count - 1])")
        }
        return arn
    }

    /// Whether a queue that may be another account's lets the caller take `action` on it.
    public func queue(_ arn: String, allows caller: Caller, _ action: String) async throws -> Bool {
        guard let queue = try await store.read({ try await $0.queues.queue(arn: arn) }) else { return false }
        guard queue.owner.account != caller.account else { return true }
        let request = PolicyRequest(account: caller.account, organizations: organizations, action: action, resource: arn)
        return queue.attributes["Policy"].flatMap(ResourcePolicy.init(text:))?.allows(request) ?? false
    }

    public func createQueue(named name: String, attributes: [String: String], caller: Caller) async throws -> Queue {
        try Self.validateQueueName(name, fifo: attributes["FifoQueue"] == "true")
        let attributes = try Self.validated(attributes, forFIFO: name.hasSuffix(".fifo"))
        let queue = Queue(name: name, owner: caller, attributes: attributes, createdTimestamp: clock.now)
        return try await store.write { store in
            if let existing = try await store.queues.queue(arn: queue.arn) {
                let differing = attributes.keys.sorted().first { existing.attributes[$0] != attributes[$0] }
                if let differing { throw QueueError.queueNameExists(differing) }
                return existing
            }
            try await store.queues.save(queue)
            return queue
        }
    }

    public func queue(arn: String) async throws -> Queue {
        guard let queue = try await store.read({ try await $0.queues.queue(arn: arn) }) else { throw QueueError.queueDoesNotExist }
        return queue
    }

    public func listQueues(namePrefix: String?, nextToken: String?, limit: Int?, caller: Caller) async throws -> Page<Queue> {
        let queues = try await store.read { try await $0.queues.queues(owner: caller) }.filter { $0.name.hasPrefix(namePrefix ?? "") }
        return try Page(queues, key: \.name, after: nextToken, limit: limit ?? 1000)
    }

    /// The attributes GetQueueAttributes reports for `names` (`All` for every one).
    public func attributes(ofQueue arn: String, names: [String]) async throws -> [String: String] {
        let moment = clock.now
        let (queue, counts) = try await store.read { store -> (Queue, Queue.MessageCounts) in
            guard let queue = try await store.queues.queue(arn: arn) else { throw QueueError.queueDoesNotExist }
            return (queue, try await store.queues.messageCounts(in: queue, at: moment))
        }
        var all = Queue.defaultAttributes.merging(queue.attributes) { $1 }
        all["QueueArn"] = queue.arn
        all["CreatedTimestamp"] = String(Int(queue.createdTimestamp.timeIntervalSince1970))
        all["LastModifiedTimestamp"] = String(Int(queue.lastModifiedTimestamp.timeIntervalSince1970))
        all["ApproximateNumberOfMessages"] = String(counts.visible)
        all["ApproximateNumberOfMessagesNotVisible"] = String(counts.inFlight)
        all["ApproximateNumberOfMessagesDelayed"] = String(counts.delayed)
        if queue.isFIFO {
            all["FifoQueue"] = "true"
            all["ContentBasedDeduplication"] = queue.contentBasedDeduplication ? "true" : "false"
        }
        if names.contains("All") { return all }
        for name in names where !Self.queueAttributeNames.contains(name) && all[name] == nil {
            throw QueueError.invalidAttributeName(name)
        }
        return all.filter { names.contains($0.key) }
    }

    public func setAttributes(_ attributes: [String: String], ofQueue arn: String) async throws {
        let moment = clock.now
        try await store.write { store in
            guard var queue = try await store.queues.queue(arn: arn) else { throw QueueError.queueDoesNotExist }
            if attributes["FifoQueue"] != nil { throw QueueError.invalidAttributeName("FifoQueue") }
            queue.attributes.merge(try Self.validated(attributes, forFIFO: queue.isFIFO)) { $1 }
            queue.lastModifiedTimestamp = moment
            try await store.queues.save(queue)
        }
    }

    public func deleteQueue(arn: String) async throws {
        try await store.write { store in
            guard try await store.queues.queue(arn: arn) != nil else { throw QueueError.queueDoesNotExist }
            try await store.queues.deleteQueue(arn: arn)
        }
    }

    public func purgeQueue(arn: String) async throws {
        try await store.write { store in
            guard try await store.queues.queue(arn: arn) != nil else { throw QueueError.queueDoesNotExist }
            try await store.queues.purgeQueue(arn: arn)
        }
    }

    /// Sends messages, each to its queue, in one transaction; each gets its stored
    /// message or the error SQS would answer for it alone.
    public func send(_ sends: [(queueArn: String, message: OutgoingMessage)]) async throws -> [Result<QueueMessage, QueueError>] {
        let moment = clock.now
        let results = try await store.write { store in
            try await Self.send(sends, at: moment, in: store)
        }
        signalArrivals(Set(sends.map(\.queueArn)))
        return results
    }

    /// Wakes receivers long-polling these queues: messages were committed there.
    func signalArrivals(_ queueArns: Set<String>) {
        for queueArn in queueArns { store.changes.signal(queueArn) }
    }

    /// The transaction half of `send`, for callers that write messages together with
    /// other changes (a delivery and its outcome).
    static func send(_ sends: [(queueArn: String, message: OutgoingMessage)], at now: Date, in store: any StoreWriter) async throws -> [Result<QueueMessage, QueueError>] {
        var queues: [String: Queue?] = [:]
        var stored: [QueueMessage] = []
        var results: [Result<QueueMessage, QueueError>] = []
        for (queueArn, outgoing) in sends {
            if queues[queueArn] == nil { queues[queueArn] = try await store.queues.queue(arn: queueArn) }
            guard let queue = queues[queueArn] ?? nil else {
                results.append(.failure(.queueDoesNotExist))
                continue
            }
            var message: QueueMessage
            do throws(QueueError) {
                message = try Self.message(outgoing, for: queue, at: now)
            } catch {
                results.append(.failure(error))
                continue
            }
            if let deduplicationId = message.systemAttributes["MessageDeduplicationId"],
               let earlier = try await Self.deduplicated(deduplicationId, in: queue, pending: stored, store: store, now: now) {
                message.id = earlier
            } else {
                stored.append(message)
            }
            results.append(.success(message))
        }
        try await store.queues.append(stored)
        return results
    }

    /// Receives up to `maximum` messages, waiting up to `waitTime` seconds for the
    /// first one to arrive (the queue's own wait time when nil).
    public func receive(fromQueue arn: String, maximum: Int, visibilityTimeout: Int?, waitTime: Int?) async throws -> [QueueMessage] {
        let queue = try await queue(arn: arn)
        let deadline = clock.now.addingTimeInterval(TimeInterval(waitTime ?? queue.receiveMessageWaitTimeSeconds))
        while true {
            let generation = store.changes.generation(of: arn)
            let moment = clock.now
            let invisibleUntil = moment.addingTimeInterval(TimeInterval(visibilityTimeout ?? queue.visibilityTimeout))
            // Receivers that would find nothing do not queue up for a write.
            let receivable = try await store.read { try await $0.queues.hasVisibleMessages(in: queue, at: moment) }
            // A queue deleted meanwhile has no messages left to take.
            let messages: [QueueMessage] = !receivable ? [] : try await store.write { store in
                try await store.queues.receiveMessages(fromQueue: queue, limit: maximum, at: moment, invisibleUntil: invisibleUntil)
            }
            let remaining = Duration.seconds(deadline.timeIntervalSince(clock.now))
            // A server shutting down answers its long polls rather than hold the shutdown up.
            if !messages.isEmpty || remaining <= .zero || Task.isCancelled || Task.isShuttingDownGracefully { return messages }
            await store.changes.wait(on: arn, after: generation, upTo: min(remaining, recheckInterval), clock: clock)
        }
    }

    public func deleteMessage(inQueue arn: String, receiptHandle: String) async throws {
        try await deleteMessages(inQueue: arn, receiptHandles: [receiptHandle])[0].get()
    }

    /// Deletes messages by receipt handle in one transaction. A stale handle deletes
    /// nothing and is no error, as on SQS; a malformed one is.
    public func deleteMessages(inQueue arn: String, receiptHandles: [String]) async throws -> [Result<Void, QueueError>] {
        try await store.write { store in
            guard try await store.queues.queue(arn: arn) != nil else { throw QueueError.queueDoesNotExist }
            let deleted = try await store.queues.deleteMessages(inQueue: arn, receiptHandles: receiptHandles)
            return receiptHandles.map { handle in
                deleted.contains(handle) || ReceiptHandle.isWellFormed(handle) ? .success(()) : .failure(.receiptHandleIsInvalid(handle))
            }
        }
    }

    public func changeVisibility(inQueue arn: String, receiptHandle: String, timeout: Int) async throws {
        guard (0...43_200).contains(timeout) else {
            throw QueueError.invalidParameterValue(
                "Value \(timeout) for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.")
        }
        let visibleAt = clock.now.addingTimeInterval(TimeInterval(timeout))
        try await store.write { store in
            guard try await store.queues.queue(arn: arn) != nil else { throw QueueError.queueDoesNotExist }
            guard ReceiptHandle.isWellFormed(receiptHandle) else { throw QueueError.receiptHandleIsInvalid(receiptHandle) }
            guard try await store.queues.changeVisibility(inQueue: arn, receiptHandle: receiptHandle, visibleAt: visibleAt) else {
                throw QueueError.messageNotInflight()
            }
        }
        store.changes.signal(arn)
    }
}
