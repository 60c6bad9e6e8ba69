import EventPatterns
import Foundation
import GRDB
import Switchyard

/// Accepted events and their deliveries in SQLite.
struct SQLiteEventLog: EventLog {
    let connection: SQLiteConnection

    func append(_ events: [Event], deliveries: [Delivery]) async throws {
        try await connection.access { db in
            let insertDelivery = try db.cachedStatement(sql: """
                INSERT INTO delivery (eventId, ruleArn, targetId, ingestionTime, failedAttempts, dueTime, claimed)
                VALUES (?, ?, ?, ?, ?, ?, 0)
                """)
            for delivery in deliveries {
                try insertDelivery.execute(arguments: [
                    delivery.eventId, delivery.ruleArn, delivery.targetId, delivery.ingestionTime.timeIntervalSince1970,
                    delivery.failedAttempts, delivery.dueTime.timeIntervalSince1970,
                ])
            }
            let owing = Set(deliveries.map(\.eventId))
            let insertEvent = try db.cachedStatement(sql: """
                INSERT INTO event (id, eventBusArn, text, ingestionTime, forwarded, traceHeader, lineage)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for event in events where owing.contains(event.id) {
                try insertEvent.execute(arguments: [
                    event.id, event.eventBusArn, event.text, event.ingestionTime.timeIntervalSince1970, event.forwarded,
                    event.traceHeader.stored, event.lineage.text,
                ])
            }
        }
    }

    func claimDeliveries(dueBy now: Date, leaseUntil: Date, limit: Int) async throws -> [ClaimedDelivery] {
        try await connection.access { db in
            let rows = try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT delivery.*, event.eventBusArn, event.text AS eventText, event.forwarded, event.traceHeader, event.lineage,
                  target.definition AS targetDefinition
                FROM delivery
                JOIN event ON event.id = delivery.eventId
                LEFT JOIN target ON target.ruleArn = delivery.ruleArn
                  AND target.targetId = delivery.targetId
                WHERE delivery.dueTime <= \(now.timeIntervalSince1970)
                ORDER BY delivery.dueTime LIMIT \(limit)
                """))
            let claim = try db.cachedStatement(sql: "UPDATE delivery SET claimed = 1, dueTime = ? WHERE id = ?")
            return try rows.map { row in
                let delivery = Self.delivery(row)
                try claim.execute(arguments: [leaseUntil.timeIntervalSince1970, delivery.id])
                let target = try (row["targetDefinition"] as String?).map { Target(definition: try JSONParser.parse($0)) }
                let event = Event(
                    id: delivery.eventId, eventBusArn: row["eventBusArn"], text: row["eventText"], ingestionTime: delivery.ingestionTime,
                    forwarded: row["forwarded"], traceHeader: row["traceHeader"], lineage: Lineage(text: row["lineage"]))
                return ClaimedDelivery(delivery: delivery, event: event, target: target)
            }
        }
    }

    func finishDelivery(_ delivery: Delivery) async throws {
        try await connection.access { db in
            try db.cachedStatement(sql: "DELETE FROM delivery WHERE id = ?").execute(arguments: [delivery.id])
            try db.cachedStatement(sql: """
                DELETE FROM event WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM delivery WHERE eventId = ?1)
                """).execute(arguments: [delivery.eventId])
        }
    }

    func retryDelivery(_ delivery: Delivery) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                UPDATE delivery SET claimed = 0, failedAttempts = \(delivery.failedAttempts),
                  dueTime = \(delivery.dueTime.timeIntervalSince1970),
                  lastErrorCode = \(delivery.lastError?.code), lastErrorMessage = \(delivery.lastError?.message.stored)
                WHERE id = \(delivery.id)
                """)
        }
    }

    func releaseClaimedDeliveries() async throws {
        try await connection.access { db in
            try db.execute(sql: "UPDATE delivery SET claimed = 0, dueTime = 0 WHERE claimed = 1")
        }
    }

    private static func delivery(_ row: Row) -> Delivery {
        var delivery = Delivery(
            eventId: row["eventId"], ruleArn: row["ruleArn"], targetId: row["targetId"],
            ingestionTime: Date(timeIntervalSince1970: row["ingestionTime"]))
        delivery.id = row["id"]
        delivery.failedAttempts = row["failedAttempts"]
        delivery.dueTime = Date(timeIntervalSince1970: row["dueTime"])
        if let code = row["lastErrorCode"] as String? {
            delivery.lastError = DeliveryFailure(code: code, message: row["lastErrorMessage"] ?? "", isRetryable: true)
        }
        return delivery
    }
}
