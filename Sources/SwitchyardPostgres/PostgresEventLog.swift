import EventPatterns
import Foundation
import PostgresNIO
import Switchyard

/// Accepted events and their deliveries in PostgreSQL. Nodes claim due deliveries
/// with `FOR UPDATE SKIP LOCKED`, so two nodes never take the same one, and a
/// claim is a lease: the delivery is due again when it runs out, which is how the
/// claims of a node that died are taken over.
struct PostgresEventLog: EventLog {
    let session: PostgresSession

    func append(_ events: [Event], deliveries: [Delivery]) async throws {
        guard !deliveries.isEmpty else { return }
        let owing = Set(deliveries.map(\.eventId))
        let kept = events.filter { owing.contains($0.id) }
        try await session.insert(
            into: "event", columns: ["id", "event_bus_arn", "text", "ingestion_time", "forwarded", "trace_header", "lineage"], kept
        ) { event in
            [event.id, event.eventBusArn, event.text, event.ingestionTime.timeIntervalSince1970, event.forwarded,
             event.traceHeader.client, event.lineage.text]
        }
        try await session.insert(
            into: "delivery",
            columns: ["event_id", "rule_arn", "target_id", "ingestion_time", "failed_attempts", "due_time", "claimed"],
            deliveries
        ) { delivery in
            [delivery.eventId, delivery.ruleArn, delivery.targetId, delivery.ingestionTime.timeIntervalSince1970,
             Int64(delivery.failedAttempts), delivery.dueTime.timeIntervalSince1970, false]
        }
    }

    func claimDeliveries(dueBy now: Date, leaseUntil: Date, limit: Int) async throws -> [ClaimedDelivery] {
        let rows = try await session.rows("""
            WITH due AS (
              SELECT id FROM delivery WHERE due_time <= \(now.timeIntervalSince1970)
              ORDER BY due_time LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ), claimed AS (
              UPDATE delivery SET claimed = true, due_time = \(leaseUntil.timeIntervalSince1970)
              FROM due WHERE delivery.id = due.id
              RETURNING delivery.*
            )
            SELECT claimed.*, event.event_bus_arn, event.text AS event_text, event.forwarded, event.trace_header, event.lineage,
              target.definition AS target_definition
            FROM claimed
            JOIN event ON event.id = claimed.event_id
            LEFT JOIN target ON target.rule_arn = claimed.rule_arn AND target.target_id = claimed.target_id
            ORDER BY claimed.id
            """)
        return try rows.map { row in
            var delivery = Delivery(
                eventId: try row.value("event_id"), ruleArn: try row.value("rule_arn"), targetId: try row.value("target_id"),
                ingestionTime: try row.date("ingestion_time"))
            delivery.id = try row.value("id", as: Int64.self)
            delivery.failedAttempts = Int(try row.value("failed_attempts", as: Int64.self))
            delivery.dueTime = try row.date("due_time")
            if let code = try row.value("last_error_code", as: String?.self) {
                delivery.lastError = DeliveryFailure(
                    code: code, message: try row.optionalText("last_error_message") ?? "", isRetryable: true)
            }
            let target = try row.value("target_definition", as: String?.self).map { Target(definition: try JSONParser.parse($0)) }
            let event = Event(
                id: delivery.eventId, eventBusArn: try row.value("event_bus_arn"), text: try row.value("event_text"),
                ingestionTime: delivery.ingestionTime, forwarded: try row.value("forwarded"),
                traceHeader: try row.optionalText("trace_header"), lineage: Lineage(text: try row.value("lineage")))
            return ClaimedDelivery(delivery: delivery, event: event, target: target)
        }
    }

    func finishDelivery(_ delivery: Delivery) async throws {
        try await session.execute("""
            WITH finished AS (DELETE FROM delivery WHERE id = \(delivery.id) RETURNING event_id)
            DELETE FROM event WHERE id IN (SELECT event_id FROM finished)
              AND NOT EXISTS (SELECT 1 FROM delivery WHERE event_id = event.id AND id <> \(delivery.id))
            """)
    }

    func retryDelivery(_ delivery: Delivery) async throws {
        try await session.execute("""
            UPDATE delivery SET claimed = false, failed_attempts = \(Int64(delivery.failedAttempts)),
              due_time = \(delivery.dueTime.timeIntervalSince1970),
              last_error_code = \(delivery.lastError?.code), last_error_message = \(delivery.lastError?.message.client)
            WHERE id = \(delivery.id)
            """)
    }

    /// Nodes share this log, and one starting cannot tell a stopped node's claims
    /// from a running node's: claims come back when their lease runs out.
    func releaseClaimedDeliveries() async throws {}
}
