public import Foundation

/// Queues and their messages, as the queue service sees them.
public protocol QueueReader: Sendable {
    func queue(arn: String) async throws -> Queue?
    /// The caller's queues, sorted by name.
    func queues(owner: Caller) async throws -> [Queue]
    /// Counts leave out messages past the queue's retention period.
    func messageCounts(in queue: Queue, at now: Date) async throws -> Queue.MessageCounts
    /// Whether a receive now could find a message: a cheap look before a receive
    /// that would write.
    func hasVisibleMessages(in queue: Queue, at now: Date) async throws -> Bool
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
    /// groups that still have a message in flight; messages past the queue's
    /// retention period are never received.
    func receiveMessages(fromQueue queue: Queue, limit: Int, at now: Date, invisibleUntil: Date) async throws -> [QueueMessage]
    /// Deletes the messages with these receipt handles; returns the handles that had one.
    func deleteMessages(inQueue queueArn: String, receiptHandles: [String]) async throws -> Set<String>
    /// Whether an in-flight message with this receipt handle was there to change.
    func changeVisibility(inQueue queueArn: String, receiptHandle: String, visibleAt: Date) async throws -> Bool
    func purgeQueue(arn: String) async throws
    /// Removes messages older than their queue's retention period, in every queue,
    /// and forgets deduplication ids sent before `deduplicatedSince`.
    func expireMessages(at now: Date, deduplicatedSince: Date) async throws
}
