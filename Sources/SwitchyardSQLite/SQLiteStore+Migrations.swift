import Foundation
import EventPatterns
import GRDB
import Switchyard

extension SQLiteStore {
    /// Named, ordered schema changes; a database records which it has applied.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("control plane: buses, rules, targets, tags") { db in
            try db.create(table: "eventBus") { table in
                table.primaryKey("arn", .text)
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("description", .text)
                table.column("kmsKeyIdentifier", .text)
                table.column("deadLetterConfig", .text)
                table.column("logConfig", .text)
                table.column("eventSourceName", .text)
                table.column("policy", .text)
                table.column("creationTime", .double).notNull()
                table.column("lastModifiedTime", .double).notNull()
            }
            try db.create(index: "eventBusByOwner", on: "eventBus", columns: ["account", "region", "name"])
            try db.create(table: "rule") { table in
                table.primaryKey("arn", .text)
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("eventBusName", .text).notNull()
                table.column("name", .text).notNull()
                table.column("eventPattern", .text)
                table.column("scheduleExpression", .text)
                table.column("state", .text).notNull()
                table.column("description", .text)
                table.column("roleArn", .text)
                table.column("managedBy", .text)
                table.column("createdBy", .text).notNull()
            }
            try db.create(index: "ruleByBus", on: "rule", columns: ["account", "region", "eventBusName", "name"])
            try db.create(table: "target") { table in
                table.column("ruleArn", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("definition", .text).notNull()
                table.primaryKey(["ruleArn", "position"])
            }
            try db.create(table: "tag") { table in
                table.column("resourceArn", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("key", .text).notNull()
                table.column("value", .text).notNull()
                table.primaryKey(["resourceArn", "position"])
            }
        }
        migrator.registerMigration("event flow: events, deliveries, queues, messages, logs") { db in
            try db.create(table: "event") { table in
                table.primaryKey("id", .text)
                table.column("eventBusArn", .text).notNull()
                table.column("text", .text).notNull()
                table.column("ingestionTime", .double).notNull()
                table.column("forwarded", .boolean).notNull()
                table.column("traceHeader", .text)
            }
            try db.create(table: "delivery") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("eventId", .text).notNull()
                table.column("ruleArn", .text).notNull()
                table.column("targetId", .text).notNull()
                table.column("ingestionTime", .double).notNull()
                table.column("failedAttempts", .integer).notNull()
                table.column("dueTime", .double).notNull()
                table.column("claimed", .boolean).notNull()
                table.column("lastErrorCode", .text)
                table.column("lastErrorMessage", .text)
            }
            try db.create(index: "deliveryByDueTime", on: "delivery", columns: ["dueTime"])
            try db.create(index: "deliveryByEvent", on: "delivery", columns: ["eventId"])
            try db.create(table: "queue") { table in
                table.primaryKey("arn", .text)
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("attributes", .text).notNull()
                table.column("createdTimestamp", .double).notNull()
                table.column("lastModifiedTimestamp", .double).notNull()
            }
            try db.create(index: "queueByOwner", on: "queue", columns: ["account", "region", "name"])
            try db.create(table: "message") { table in
                // The row id orders a queue's messages as they were sent.
                table.autoIncrementedPrimaryKey("sequence")
                table.column("id", .text).notNull()
                table.column("queueArn", .text).notNull()
                table.column("body", .text).notNull()
                table.column("md5OfBody", .text).notNull()
                table.column("messageAttributes", .text)
                table.column("md5OfMessageAttributes", .text)
                table.column("systemAttributes", .text).notNull()
                table.column("messageGroupId", .text)
                table.column("deduplicationId", .text)
                table.column("sentTime", .double).notNull()
                table.column("visibleAt", .double).notNull()
                table.column("receiveCount", .integer).notNull()
                table.column("firstReceiveTime", .double)
                table.column("receiptHandle", .text)
            }
            // Receiving walks a queue in send order; expiry looks for its oldest messages.
            try db.create(index: "messageByQueue", on: "message", columns: ["queueArn", "sequence"])
            try db.create(index: "messageBySentTime", on: "message", columns: ["queueArn", "sentTime"])
            try db.create(index: "messageByReceiptHandle", on: "message", columns: ["receiptHandle"])
            try db.create(table: "logGroup") { table in
                table.primaryKey("arn", .text)
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("creationTime", .double).notNull()
            }
            try db.create(table: "logStream") { table in
                table.column("groupArn", .text).notNull()
                table.column("name", .text).notNull()
                table.column("creationTime", .double).notNull()
                table.column("firstEventTimestamp", .integer)
                table.column("lastEventTimestamp", .integer)
                table.column("lastIngestionTime", .integer)
                table.primaryKey(["groupArn", "name"])
            }
            try db.create(table: "logEvent") { table in
                table.autoIncrementedPrimaryKey("sequence")
                table.column("groupArn", .text).notNull()
                table.column("streamName", .text).notNull()
                table.column("timestamp", .integer).notNull()
                table.column("ingestionTime", .integer).notNull()
                table.column("message", .text).notNull()
            }
            try db.create(index: "logEventByGroup", on: "logEvent", columns: ["groupArn", "sequence"])
        }
        migrator.registerMigration("targets keyed by their Id") { db in
            // Deliveries find their target by Id; reading it out of the JSON per row
            // took the first of repeated `Id` keys where the rest of the code takes the last.
            try db.alter(table: "target") { table in table.add(column: "targetId", .text) }
            for row in try Row.fetchAll(db, sql: "SELECT ruleArn, position, definition FROM target") {
                let target = Target(definition: try JSONParser.parse(row["definition"] as String))
                try db.execute(literal: """
                    UPDATE target SET targetId = \(target.id) WHERE ruleArn = \(row["ruleArn"] as String) AND position = \(row["position"] as Int)
                    """)
            }
            try db.create(index: "targetById", on: "target", columns: ["ruleArn", "targetId"])
        }
        migrator.registerMigration("deduplication ids outlive their messages") { db in
            // SQS remembers a FIFO deduplication id for five minutes even if its
            // message was received and deleted meanwhile.
            try db.create(table: "deduplication") { table in
                table.column("queueArn", .text).notNull()
                table.column("deduplicationId", .text).notNull()
                table.column("messageId", .text).notNull()
                table.column("sentTime", .double).notNull()
                table.primaryKey(["queueArn", "deduplicationId"])
            }
            try db.create(index: "deduplicationBySentTime", on: "deduplication", columns: ["sentTime"])
            try db.execute(sql: """
                INSERT OR REPLACE INTO deduplication (queueArn, deduplicationId, messageId, sentTime)
                SELECT queueArn, deduplicationId, id, sentTime FROM message WHERE deduplicationId IS NOT NULL ORDER BY sequence
                """)
        }
        migrator.registerMigration("rule changes by version") { db in
            // The latest change of each rule, deleted ones included: every node's
            // pattern machines follow this table by version.
            try db.create(table: "ruleChange") { table in
                table.primaryKey("ruleArn", .text)
                table.column("busArn", .text).notNull()
                table.column("ruleName", .text).notNull()
                table.column("version", .integer).notNull().unique()
            }
            try db.execute(sql: """
                INSERT INTO ruleChange (ruleArn, busArn, ruleName, version)
                SELECT arn, 'arn:aws:events:' || region || ':' || account || ':event-bus/' || eventBusName, name,
                       ROW_NUMBER() OVER (ORDER BY arn)
                FROM rule
                """)
        }
        migrator.registerMigration("schedules of enabled scheduled rules") { db in
            try db.create(table: "schedule") { table in
                table.primaryKey("ruleArn", .text)
                table.column("expression", .text).notNull()
                table.column("anchor", .double).notNull()
                table.column("nextFiring", .double).notNull()
            }
            try db.create(index: "scheduleByNextFiring", on: "schedule", columns: ["nextFiring"])
            // Rules put before schedules fired start their schedules now.
            let moment = Date()
            for row in try Row.fetchAll(db, sql: "SELECT * FROM rule WHERE scheduleExpression IS NOT NULL") {
                guard let schedule = Schedule.starting(for: try SQLiteResources.rule(row), at: moment) else { continue }
                try db.execute(literal: """
                    INSERT INTO schedule (ruleArn, expression, anchor, nextFiring)
                    VALUES (\(schedule.ruleArn), \(schedule.expression), \(schedule.anchor.timeIntervalSince1970),
                            \(schedule.nextFiring.timeIntervalSince1970))
                    """)
            }
        }
        migrator.registerMigration("archives, their events, and replays") { db in
            try db.create(table: "archive") { table in
                table.primaryKey("arn", .text)
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("eventSourceArn", .text).notNull()
                table.column("description", .text)
                table.column("eventPattern", .text)
                table.column("retentionDays", .integer).notNull()
                table.column("kmsKeyIdentifier", .text)
                table.column("state", .text).notNull()
                table.column("creationTime", .double).notNull()
            }
            try db.create(index: "archiveByOwner", on: "archive", columns: ["account", "region", "name"])
            try db.create(table: "archivedEvent") { table in
                table.autoIncrementedPrimaryKey("sequence")
                table.column("archiveArn", .text).notNull()
                table.column("eventId", .text).notNull()
                table.column("receivedTime", .double).notNull()
                table.column("text", .text).notNull()
                table.column("size", .integer).notNull()
            }
            try db.create(index: "archivedEventBySequence", on: "archivedEvent", columns: ["archiveArn", "sequence"])
            try db.create(index: "archivedEventByTime", on: "archivedEvent", columns: ["archiveArn", "receivedTime"])
            try db.create(table: "replay") { table in
                table.primaryKey("arn", .text)
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("description", .text)
                table.column("archiveArn", .text).notNull()
                table.column("destinationArn", .text).notNull()
                table.column("filterArns", .text).notNull()
                table.column("eventStartTime", .double).notNull()
                table.column("eventEndTime", .double).notNull()
                table.column("state", .text).notNull()
                table.column("stateReason", .text)
                table.column("replayStartTime", .double).notNull()
                table.column("replayEndTime", .double)
                table.column("eventLastReplayedTime", .double)
                table.column("cursor", .integer).notNull()
            }
            try db.create(index: "replayByOwner", on: "replay", columns: ["account", "region", "name"])
            try db.create(index: "replayByState", on: "replay", columns: ["state"])
        }
        migrator.registerMigration("connections and API destinations") { db in
            try db.create(table: "connection") { table in
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("resourceId", .text).notNull()
                table.column("description", .text)
                table.column("authorizationType", .text).notNull()
                table.column("shownParameters", .text).notNull()
                table.column("sealedParameters", .blob).notNull()
                table.column("state", .text).notNull()
                table.column("stateReason", .text)
                table.column("creationTime", .double).notNull()
                table.column("lastModifiedTime", .double).notNull()
                table.column("lastAuthorizedTime", .double)
                table.primaryKey(["account", "region", "name"])
            }
            try db.create(table: "apiDestination") { table in
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("resourceId", .text).notNull()
                table.column("description", .text)
                table.column("connectionArn", .text).notNull()
                table.column("invocationEndpoint", .text).notNull()
                table.column("httpMethod", .text).notNull()
                table.column("invocationRateLimitPerSecond", .integer)
                table.column("state", .text).notNull()
                table.column("creationTime", .double).notNull()
                table.column("lastModifiedTime", .double).notNull()
                table.primaryKey(["account", "region", "name"])
            }
        }
        migrator.registerMigration("connections to private APIs") { db in
            try db.alter(table: "connection") { table in table.add(column: "invocationConnectivity", .text) }
        }
        migrator.registerMigration("trails and event history") { db in
            try db.create(table: "trail") { table in
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("isLogging", .boolean).notNull()
                table.column("definition", .text).notNull()
                table.primaryKey(["account", "region", "name"])
            }
            try db.create(table: "trailEvent") { table in
                table.autoIncrementedPrimaryKey("sequence")
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("eventId", .text).notNull()
                table.column("eventTime", .double).notNull()
                table.column("eventSource", .text).notNull()
                table.column("eventName", .text).notNull()
                table.column("readOnly", .boolean).notNull()
                table.column("isManagement", .boolean).notNull()
                table.column("username", .text).notNull()
                table.column("accessKeyId", .text)
                table.column("userIdentityArn", .text)
                table.column("errorCode", .text)
                table.column("resources", .text).notNull()
                table.column("record", .text).notNull()
            }
            try db.create(index: "trailEventByTime", on: "trailEvent", columns: ["account", "region", "eventTime", "sequence"])
        }
        migrator.registerMigration("events' lineage") { db in
            try db.alter(table: "event") { table in table.add(column: "lineage", .text) }
        }
        migrator.registerMigration("partner event sources") { db in
            try db.create(table: "partnerEventSource") { table in
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("partnerAccount", .text).notNull()
                table.column("creationTime", .double).notNull()
                table.column("deactivatedTime", .double)
                table.column("isDeleted", .boolean).notNull()
                table.primaryKey(["account", "region", "name"])
            }
            try db.create(index: "partnerEventSourceByPartner", on: "partnerEventSource", columns: ["partnerAccount", "region", "name"])
        }
        migrator.registerMigration("global endpoints") { db in
            try db.create(table: "endpoint") { table in
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("endpointId", .text).notNull().unique()
                table.column("description", .text)
                table.column("healthCheck", .text).notNull()
                table.column("secondaryRegion", .text).notNull()
                table.column("replicationEnabled", .boolean).notNull()
                table.column("eventBusArns", .text).notNull()
                table.column("roleArn", .text)
                table.column("creationTime", .double).notNull()
                table.column("lastModifiedTime", .double).notNull()
                table.primaryKey(["account", "region", "name"])
            }
            try db.create(table: "healthCheck") { table in
                table.primaryKey("arn", .text)
                table.column("isHealthy", .boolean).notNull()
            }
        }
        return migrator
    }
}
