public import Foundation

/// Queues and their messages, as the queue service sees them.
public protocol QueueReader: Sendable {
    func queue(arn: String) async throws -> Queue?
    /// The caller's queues, sorted by name.
    func queues(owner: Caller) async throws -> [Queue]
    func messageCounts(inQueue queueArn: String, at now: Date) async throws -> Queue.MessageCounts
}

public protocol QueueWriter: QueueReader {
    func save(_ queue: Queue) async throws
    /// Deletes a queue with all its messages.
    func deleteQueue(arn: String) async throws
    func append(_ messages: [QueueMessage]) async throws
    /// The id of a message sent with this deduplication id since `since`, if any,
    /// whether or not the message is still in the queue.
    func deduplicatedMessageId(inQueue queueArn: String, deduplicationId: String, since: Date) async throws -> String?
    /// Takes up to `limit` visible messages, oldest first, and hides each until
    /// `invisibleUntil` under a fresh receipt handle. A FIFO queue skips message
    /// groups that still have a message in flight.
    func receiveMessages(fromQueue queue: Queue, limit: Int, at now: Date, invisibleUntil: Date) async throws -> [QueueMessage]
    /// Whether a message with this receipt handle was there to delete.
    func deleteMessage(inQueue queueArn: String, receiptHandle: String) async throws -> Bool
    /// Whether an in-flight message with this receipt handle was there to change.
    func changeVisibility(inQueue queueArn: String, receiptHandle: String, visibleAt: Date) async throws -> Bool
    func purgeQueue(arn: String) async throws
    /// Removes messages older than the queue's retention period.
    func expireMessages(inQueue queue: Queue, at now: Date) async throws
    /// Removes messages older than their queue's retention period, in every queue,
    /// and forgets deduplication ids sent before `deduplicatedSince`.
    func expireMessages(at now: Date, deduplicatedSince: Date) async throws
}
