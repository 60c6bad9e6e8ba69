import EventPatterns
import Foundation
import GRDB
import Switchyard

/// Queues and their messages in SQLite.
struct SQLiteQueues: QueueWriter {
    let connection: SQLiteConnection

    func queue(arn: String) async throws -> Queue? {
        try await connection.access { db in
            try Row.fetchOne(db, sql: "SELECT * FROM queue WHERE arn = ?", arguments: [arn]).map(Self.queue)
        }
    }

    func queues(owner: Caller) async throws -> [Queue] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>(
                "SELECT * FROM queue WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name"))
                .map(Self.queue)
        }
    }

    func messageCounts(in queue: Queue, at now: Date) async throws -> Queue.MessageCounts {
        try await connection.access { db in
            let moment = now.timeIntervalSince1970
            let row = try Row.fetchOne(db, SQLRequest<Row>("""
                SELECT
                  COALESCE(SUM(visibleAt <= \(moment)), 0) AS visible,
                  COALESCE(SUM(visibleAt > \(moment) AND receiveCount > 0), 0) AS inFlight,
                  COALESCE(SUM(visibleAt > \(moment) AND receiveCount = 0), 0) AS delayed
                FROM message WHERE queueArn = \(queue.arn) AND sentTime >= \(Self.oldestKept(queue, at: now))
                """))!
            return Queue.MessageCounts(visible: row["visible"], inFlight: row["inFlight"], delayed: row["delayed"])
        }
    }

    func hasVisibleMessages(in queue: Queue, at now: Date) async throws -> Bool {
        try await connection.access { db in
            try Bool.fetchOne(db, SQLRequest<Bool>("""
                SELECT EXISTS (SELECT 1 FROM message WHERE queueArn = \(queue.arn) AND visibleAt <= \(now.timeIntervalSince1970)
                                 AND sentTime >= \(Self.oldestKept(queue, at: now)))
                """)) ?? false
        }
    }

    /// Messages sent before this are past the queue's retention period.
    private static func oldestKept(_ queue: Queue, at now: Date) -> Double {
        now.timeIntervalSince1970 - Double(queue.messageRetentionPeriod)
    }

    func save(_ queue: Queue) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO queue (arn, account, region, name, attributes, createdTimestamp, lastModifiedTimestamp)
                VALUES (\(queue.arn), \(queue.owner.account), \(queue.owner.region), \(queue.name),
                        \(queue.attributes.storedText), \(queue.createdTimestamp.timeIntervalSince1970),
                        \(queue.lastModifiedTimestamp.timeIntervalSince1970))
                """)
        }
    }

    func deleteQueue(arn: String) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM queue WHERE arn = \(arn)")
            try db.execute(literal: "DELETE FROM deduplication WHERE queueArn = \(arn)")
            try db.execute(literal: "DELETE FROM message WHERE queueArn = \(arn)")
        }
    }

    func append(_ messages: [QueueMessage]) async throws {
        try await connection.access { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO message
                  (id, queueArn, body, md5OfBody, messageAttributes, md5OfMessageAttributes, systemAttributes,
                   messageGroupId, deduplicationId, sentTime, visibleAt, receiveCount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                """)
            let remember = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO deduplication (queueArn, deduplicationId, messageId, sentTime) VALUES (?, ?, ?, ?)
                """)
            for message in messages {
                let deduplicationId = message.systemAttributes["MessageDeduplicationId"]
                try statement.execute(arguments: [
                    message.id, message.queueArn, message.body.stored, message.md5OfBody, message.messageAttributes?.jsonText,
                    message.md5OfMessageAttributes, message.systemAttributes.storedText,
                    message.systemAttributes["MessageGroupId"].stored, deduplicationId.stored,
                    message.sentTime.timeIntervalSince1970, message.visibleAt.timeIntervalSince1970,
                ])
                if let deduplicationId {
                    try remember.execute(arguments: [message.queueArn, deduplicationId.stored, message.id, message.sentTime.timeIntervalSince1970])
                }
            }
        }
    }

    func deduplicatedMessageId(inQueue queueArn: String, deduplicationId: String, since: Date) async throws -> String? {
        try await connection.access { db in
            try String.fetchOne(db, SQLRequest<String>("""
                SELECT messageId FROM deduplication
                WHERE queueArn = \(queueArn) AND deduplicationId = \(deduplicationId.stored) AND sentTime >= \(since.timeIntervalSince1970)
                """))
        }
    }

    func receiveMessages(fromQueue queue: Queue, limit: Int, at now: Date, invisibleUntil: Date) async throws -> [QueueMessage] {
        try await connection.access { db in
            let moment = now.timeIntervalSince1970
            // A FIFO group with a message in flight waits until that message is done.
            let blockedGroups: SQL = queue.isFIFO
                ? """
                  AND (messageGroupId IS NULL OR messageGroupId NOT IN (
                    SELECT messageGroupId FROM message
                    WHERE queueArn = \(queue.arn) AND visibleAt > \(moment) AND receiveCount > 0))
                  """
                : ""
            let rows = try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT * FROM message
                WHERE queueArn = \(queue.arn) AND visibleAt <= \(moment) AND sentTime >= \(Self.oldestKept(queue, at: now))
                  \(blockedGroups)
                ORDER BY sequence LIMIT \(limit)
                """))
            let update = try db.cachedStatement(sql: """
                UPDATE message SET visibleAt = ?, receiveCount = receiveCount + 1,
                  firstReceiveTime = COALESCE(firstReceiveTime, ?), receiptHandle = ?
                WHERE sequence = ?
                """)
            var messages: [QueueMessage] = []
            for row in rows {
                var message = try Self.message(row)
                message.receive(at: now, invisibleUntil: invisibleUntil)
                try update.execute(arguments: [
                    invisibleUntil.timeIntervalSince1970, moment, message.receiptHandle, row["sequence"] as Int64,
                ])
                messages.append(message)
            }
            return messages
        }
    }

    func deleteMessages(inQueue queueArn: String, receiptHandles: [String]) async throws -> Set<String> {
        try await connection.access { db in
            let delete = try db.cachedStatement(sql: "DELETE FROM message WHERE queueArn = ? AND receiptHandle = ?")
            var deleted: Set<String> = []
            for handle in receiptHandles {
                try delete.execute(arguments: [queueArn, handle])
                if db.changesCount > 0 { deleted.insert(handle) }
            }
            return deleted
        }
    }

    func changeVisibility(inQueue queueArn: String, receiptHandle: String, visibleAt: Date) async throws -> Bool {
        try await connection.access { db in
            try db.execute(literal: """
                UPDATE message SET visibleAt = \(visibleAt.timeIntervalSince1970)
                WHERE queueArn = \(queueArn) AND receiptHandle = \(receiptHandle) AND receiveCount > 0
                """)
            return db.changesCount > 0
        }
    }

    func purgeQueue(arn: String) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM message WHERE queueArn = \(arn)")
        }
    }

    func expireMessages(at now: Date, deduplicatedSince: Date) async throws {
        try await connection.access { db in
            for queue in try Row.fetchAll(db, sql: "SELECT * FROM queue").map(Self.queue) {
                try Self.expire(queue, at: now, in: db)
            }
            try db.execute(literal: "DELETE FROM deduplication WHERE sentTime < \(deduplicatedSince.timeIntervalSince1970)")
        }
    }

    private static func expire(_ queue: Queue, at now: Date, in db: Database) throws {
        try db.execute(literal: "DELETE FROM message WHERE queueArn = \(queue.arn) AND sentTime < \(oldestKept(queue, at: now))")
    }

    private static func queue(_ row: Row) throws -> Queue {
        var queue = Queue(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]),
            attributes: try [String: String](storedText: row["attributes"]),
            createdTimestamp: Date(timeIntervalSince1970: row["createdTimestamp"]))
        queue.lastModifiedTimestamp = Date(timeIntervalSince1970: row["lastModifiedTimestamp"])
        return queue
    }

    private static func message(_ row: Row) throws -> QueueMessage {
        var message = QueueMessage(
            id: row["id"], queueArn: row["queueArn"], body: row["body"], md5OfBody: row["md5OfBody"],
            messageAttributes: try (row["messageAttributes"] as String?).map { try JSONParser.parse($0) },
            md5OfMessageAttributes: row["md5OfMessageAttributes"],
            systemAttributes: try [String: String](storedText: row["systemAttributes"]),
            sentTime: Date(timeIntervalSince1970: row["sentTime"]), visibleAt: Date(timeIntervalSince1970: row["visibleAt"]))
        message.receiveCount = row["receiveCount"]
        message.firstReceiveTime = (row["firstReceiveTime"] as Double?).map(Date.init(timeIntervalSince1970:))
        message.receiptHandle = row["receiptHandle"]
        return message
    }
}
