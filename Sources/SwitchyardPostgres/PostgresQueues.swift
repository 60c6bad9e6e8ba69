import EventPatterns
import Foundation
import PostgresNIO
import Switchyard

/// Queues and their messages in PostgreSQL. Receivers on several nodes take
/// messages with `FOR UPDATE SKIP LOCKED`, so a message goes to one of them; a
/// FIFO queue's receivers take turns on the queue's row, so no two of them see a
/// message group free at once.
struct PostgresQueues: QueueWriter {
    let session: PostgresSession

    func queue(arn: String) async throws -> Queue? {
        try await session.row("SELECT * FROM queue WHERE arn = \(arn)").map(Self.queue)
    }

    func queues(owner: Caller) async throws -> [Queue] {
        try await session.rows("""
            SELECT * FROM queue WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
            """).map(Self.queue)
    }

    func messageCounts(in queue: Queue, at now: Date) async throws -> Queue.MessageCounts {
        let moment = now.timeIntervalSince1970
        let row = try await session.row("""
            SELECT
              count(*) FILTER (WHERE visible_at <= \(moment)) AS visible,
              count(*) FILTER (WHERE visible_at > \(moment) AND receive_count > 0) AS in_flight,
              count(*) FILTER (WHERE visible_at > \(moment) AND receive_count = 0) AS delayed
            FROM message WHERE queue_arn = \(queue.arn) AND sent_time >= \(Self.oldestKept(queue, at: now))
            """)!
        return Queue.MessageCounts(
            visible: Int(try row.value("visible", as: Int64.self)), inFlight: Int(try row.value("in_flight", as: Int64.self)),
            delayed: Int(try row.value("delayed", as: Int64.self)))
    }

    func hasVisibleMessages(in queue: Queue, at now: Date) async throws -> Bool {
        try await session.row("""
            SELECT EXISTS (SELECT 1 FROM message WHERE queue_arn = \(queue.arn) AND visible_at <= \(now.timeIntervalSince1970)
                             AND sent_time >= \(Self.oldestKept(queue, at: now))) AS visible
            """)?.value("visible", as: Bool.self) ?? false
    }

    /// Messages sent before this are past the queue's retention period.
    private static func oldestKept(_ queue: Queue, at now: Date) -> Double {
        now.timeIntervalSince1970 - Double(queue.messageRetentionPeriod)
    }

    func save(_ queue: Queue) async throws {
        try await session.execute("""
            INSERT INTO queue (arn, account, region, name, attributes, created_timestamp, last_modified_timestamp)
            VALUES (\(queue.arn), \(queue.owner.account), \(queue.owner.region), \(queue.name),
                    \(queue.attributes.storedText), \(queue.createdTimestamp.timeIntervalSince1970),
                    \(queue.lastModifiedTimestamp.timeIntervalSince1970))
            ON CONFLICT (arn) DO UPDATE SET attributes = excluded.attributes,
              created_timestamp = excluded.created_timestamp, last_modified_timestamp = excluded.last_modified_timestamp
            """)
    }

    func deleteQueue(arn: String) async throws {
        try await session.execute("DELETE FROM queue WHERE arn = \(arn)")
        try await session.execute("DELETE FROM deduplication WHERE queue_arn = \(arn)")
        try await purgeQueue(arn: arn)
    }

    func append(_ messages: [QueueMessage]) async throws {
        guard !messages.isEmpty else { return }
        try await session.insert(
            into: "message",
            columns: ["id", "queue_arn", "body", "md5_of_body", "message_attributes", "md5_of_message_attributes",
                      "system_attributes", "message_group_id", "deduplication_id", "sent_time", "visible_at", "receive_count"],
            messages
        ) { message in
            [message.id, message.queueArn, message.body.client, message.md5OfBody, message.messageAttributes?.jsonText,
             message.md5OfMessageAttributes, message.systemAttributes.storedText,
             message.systemAttributes["MessageGroupId"].client, message.systemAttributes["MessageDeduplicationId"].client,
             message.sentTime.timeIntervalSince1970, message.visibleAt.timeIntervalSince1970, Int64(0)]
        }
        let deduplicated = messages.filter { $0.systemAttributes["MessageDeduplicationId"] != nil }
        try await session.insert(
            into: "deduplication", columns: ["queue_arn", "deduplication_id", "message_id", "sent_time"], deduplicated,
            onConflict: "ON CONFLICT (queue_arn, deduplication_id) DO UPDATE SET message_id = excluded.message_id, sent_time = excluded.sent_time"
        ) { message in
            [message.queueArn, message.systemAttributes["MessageDeduplicationId"].client, message.id,
             message.sentTime.timeIntervalSince1970]
        }
    }

    func deduplicatedMessageId(inQueue queueArn: String, deduplicationId: String, since: Date) async throws -> String? {
        try await session.row("""
            SELECT message_id FROM deduplication
            WHERE queue_arn = \(queueArn) AND deduplication_id = \(deduplicationId.client)
              AND sent_time >= \(since.timeIntervalSince1970)
            """).map { try $0.value("message_id", as: String.self) }
    }

    func receiveMessages(fromQueue queue: Queue, limit: Int, at now: Date, invisibleUntil: Date) async throws -> [QueueMessage] {
        let moment = now.timeIntervalSince1970
        let rows: [PostgresRandomAccessRow]
        if queue.isFIFO {
            try await session.execute("SELECT 1 FROM queue WHERE arn = \(queue.arn) FOR UPDATE")
            // A FIFO group with a message in flight waits until that message is done.
            rows = try await session.rows("""
                SELECT * FROM message WHERE queue_arn = \(queue.arn) AND visible_at <= \(moment)
                  AND sent_time >= \(Self.oldestKept(queue, at: now))
                  AND (message_group_id IS NULL OR message_group_id NOT IN (
                    SELECT message_group_id FROM message
                    WHERE queue_arn = \(queue.arn) AND visible_at > \(moment) AND receive_count > 0
                      AND message_group_id IS NOT NULL))
                ORDER BY sequence LIMIT \(limit)
                """)
        } else {
            rows = try await session.rows("""
                SELECT * FROM message WHERE queue_arn = \(queue.arn) AND visible_at <= \(moment)
                  AND sent_time >= \(Self.oldestKept(queue, at: now))
                ORDER BY sequence LIMIT \(limit) FOR UPDATE SKIP LOCKED
                """)
        }
        var messages: [QueueMessage] = []
        for row in rows {
            var message = try Self.message(row)
            message.receive(at: now, invisibleUntil: invisibleUntil)
            messages.append(message)
        }
        guard !messages.isEmpty else { return [] }
        let sequences = try rows.map { try $0.value("sequence", as: Int64.self) }
        try await session.execute("""
            UPDATE message SET visible_at = \(invisibleUntil.timeIntervalSince1970), receive_count = receive_count + 1,
              first_receive_time = COALESCE(first_receive_time, \(moment)), receipt_handle = received.handle
            FROM unnest(\(sequences)::bigint[], \(messages.map { $0.receiptHandle ?? "" })::text[]) AS received(sequence, handle)
            WHERE message.sequence = received.sequence
            """)
        return messages
    }

    func deleteMessages(inQueue queueArn: String, receiptHandles: [String]) async throws -> Set<String> {
        Set(try await session.rows("""
            DELETE FROM message WHERE queue_arn = \(queueArn) AND receipt_handle = ANY(\(receiptHandles)::text[])
            RETURNING receipt_handle
            """).map { try $0.value("receipt_handle", as: String.self) })
    }

    func changeVisibility(inQueue queueArn: String, receiptHandle: String, visibleAt: Date) async throws -> Bool {
        try await !session.rows("""
            UPDATE message SET visible_at = \(visibleAt.timeIntervalSince1970)
            WHERE queue_arn = \(queueArn) AND receipt_handle = \(receiptHandle) AND receive_count > 0 RETURNING 1
            """).isEmpty
    }

    func purgeQueue(arn: String) async throws {
        try await session.execute("DELETE FROM message WHERE queue_arn = \(arn)")
    }

    func expireMessages(at now: Date, deduplicatedSince: Date) async throws {
        for queue in try await session.rows("SELECT * FROM queue").map(Self.queue) {
            try await session.execute("""
                DELETE FROM message WHERE queue_arn = \(queue.arn) AND sent_time < \(Self.oldestKept(queue, at: now))
                """)
        }
        try await session.execute("DELETE FROM deduplication WHERE sent_time < \(deduplicatedSince.timeIntervalSince1970)")
    }

    private static func queue(_ row: PostgresRandomAccessRow) throws -> Queue {
        var queue = Queue(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            attributes: try [String: String](storedText: try row.value("attributes")), createdTimestamp: try row.date("created_timestamp"))
        queue.lastModifiedTimestamp = try row.date("last_modified_timestamp")
        return queue
    }

    private static func message(_ row: PostgresRandomAccessRow) throws -> QueueMessage {
        var message = QueueMessage(
            id: try row.value("id"), queueArn: try row.value("queue_arn"), body: try row.text("body"),
            md5OfBody: try row.value("md5_of_body"),
            messageAttributes: try row.value("message_attributes", as: String?.self).map { try JSONParser.parse($0) },
            md5OfMessageAttributes: try row.value("md5_of_message_attributes"),
            systemAttributes: try [String: String](storedText: try row.value("system_attributes")),
            sentTime: try row.date("sent_time"), visibleAt: try row.date("visible_at"))
        message.receiveCount = Int(try row.value("receive_count", as: Int64.self))
        message.firstReceiveTime = try row.value("first_receive_time", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        message.receiptHandle = try row.value("receipt_handle")
        return message
    }
}
