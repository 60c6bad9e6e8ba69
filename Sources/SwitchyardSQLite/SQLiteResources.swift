import EventPatterns
import Foundation
import GRDB
import Switchyard

/// Buses, rules, targets and tags in SQLite. SQL goes through GRDB's binding
/// interpolation only.
struct SQLiteResources: ResourceWriter {
    let connection: SQLiteConnection

    func eventBus(named name: String, owner: Caller) async throws -> EventBus? {
        try await connection.access { db in
            try Row.fetchOne(db, sql: "SELECT * FROM eventBus WHERE arn = ?", arguments: [ResourceName.eventBus(name, owner)])
                .map(Self.eventBus)
        }
    }

    func eventBuses(owner: Caller) async throws -> [EventBus] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("SELECT * FROM eventBus WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name"))
                .map(Self.eventBus)
        }
    }

    func rule(named name: String, onBus bus: String, owner: Caller) async throws -> Rule? {
        try await connection.access { db in
            try Row.fetchOne(db, sql: "SELECT * FROM rule WHERE arn = ?", arguments: [ResourceName.rule(name, onBus: bus, owner)])
                .map(Self.rule)
        }
    }

    func rules(onBus bus: String, owner: Caller) async throws -> [Rule] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT * FROM rule WHERE account = \(owner.account) AND region = \(owner.region) AND eventBusName = \(bus)
                ORDER BY name
                """)).map(Self.rule)
        }
    }

    func ruleChanges(after version: Int64) async throws -> RuleChanges {
        try await connection.access { db in
            let rows = try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT ruleChange.busArn, ruleChange.ruleName, ruleChange.version, rule.*
                FROM ruleChange LEFT JOIN rule ON rule.arn = ruleChange.ruleArn
                WHERE ruleChange.version > \(version) ORDER BY ruleChange.version
                """))
            let changes = try rows.map { row in
                RuleChanges.Change(
                    busArn: row["busArn"], ruleName: row["ruleName"],
                    rule: try (row["arn"] as String?).map { _ in try Self.rule(row) })
            }
            return RuleChanges(version: rows.last?["version"] ?? version, changes: changes)
        }
    }

    func targets(ofRule ruleArn: String) async throws -> [Target] {
        try await connection.access { db in
            try String.fetchAll(db, SQLRequest<String>("SELECT definition FROM target WHERE ruleArn = \(ruleArn) ORDER BY position"))
                .map { Target(definition: try JSONParser.parse($0)) }
        }
    }

    func tags(of resourceArn: String) async throws -> [Tag] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("SELECT key, value FROM tag WHERE resourceArn = \(resourceArn) ORDER BY position"))
                .map { Tag(key: $0["key"], value: $0["value"]) }
        }
    }

    func save(_ bus: EventBus) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO eventBus
                  (arn, account, region, name, description, kmsKeyIdentifier, deadLetterConfig, logConfig,
                   eventSourceName, policy, creationTime, lastModifiedTime)
                VALUES (\(bus.arn), \(bus.owner.account), \(bus.owner.region), \(bus.name), \(bus.description.stored),
                        \(bus.kmsKeyIdentifier), \(try StoredJSON.text(bus.deadLetterConfig)), \(try StoredJSON.text(bus.logConfig)),
                        \(bus.eventSourceName), \(bus.policy?.text), \(bus.creationTime.timeIntervalSince1970),
                        \(bus.lastModifiedTime.timeIntervalSince1970))
                """)
        }
    }

    func deleteEventBus(named name: String, owner: Caller) async throws {
        try await connection.access { db in
            let arn = ResourceName.eventBus(name, owner)
            try db.execute(literal: "DELETE FROM eventBus WHERE arn = \(arn)")
            try db.execute(literal: "DELETE FROM tag WHERE resourceArn = \(arn)")
        }
    }

    func save(_ rule: Rule) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO rule
                  (arn, account, region, eventBusName, name, eventPattern, scheduleExpression, state, description,
                   roleArn, managedBy, createdBy)
                VALUES (\(rule.arn), \(rule.owner.account), \(rule.owner.region), \(rule.eventBusName), \(rule.name),
                        \(rule.eventPattern), \(rule.scheduleExpression), \(rule.state.rawValue), \(rule.description.stored),
                        \(rule.roleArn), \(rule.managedBy), \(rule.createdBy))
                """)
            try Self.recordChange(ofRule: rule.arn, busArn: rule.eventBusArn, name: rule.name, in: db)
        }
    }

    func deleteRule(named name: String, onBus bus: String, owner: Caller) async throws {
        try await connection.access { db in
            let arn = ResourceName.rule(name, onBus: bus, owner)
            try db.execute(literal: "DELETE FROM rule WHERE arn = \(arn)")
            try db.execute(literal: "DELETE FROM target WHERE ruleArn = \(arn)")
            try db.execute(literal: "DELETE FROM tag WHERE resourceArn = \(arn)")
            try Self.recordChange(ofRule: arn, busArn: ResourceName.eventBus(bus, owner), name: name, in: db)
        }
    }

    /// The store's single writer makes the next version the commit order.
    private static func recordChange(ofRule ruleArn: String, busArn: String, name: String, in db: Database) throws {
        try db.execute(literal: """
            INSERT OR REPLACE INTO ruleChange (ruleArn, busArn, ruleName, version)
            VALUES (\(ruleArn), \(busArn), \(name), (SELECT COALESCE(MAX(version), 0) + 1 FROM ruleChange))
            """)
    }

    func setTargets(_ targets: [Target], ofRule ruleArn: String) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM target WHERE ruleArn = \(ruleArn)")
            for (position, target) in targets.enumerated() {
                try db.execute(literal: """
                    INSERT INTO target (ruleArn, position, targetId, definition)
                    VALUES (\(ruleArn), \(position), \(target.id), \(target.definition.jsonText))
                    """)
            }
        }
    }

    func setTags(_ tags: [Tag], of resourceArn: String) async throws {
        try await connection.access { db in
            try db.execute(literal: "DELETE FROM tag WHERE resourceArn = \(resourceArn)")
            for (position, tag) in tags.enumerated() {
                try db.execute(literal: """
                    INSERT INTO tag (resourceArn, position, key, value) VALUES (\(resourceArn), \(position), \(tag.key.stored), \(tag.value.stored))
                    """)
            }
        }
    }

    private static func eventBus(_ row: Row) throws -> EventBus {
        var bus = EventBus(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]),
            creationTime: Date(timeIntervalSince1970: row["creationTime"]))
        bus.description = row["description"]
        bus.kmsKeyIdentifier = row["kmsKeyIdentifier"]
        bus.deadLetterConfig = try StoredJSON.value(row["deadLetterConfig"])
        bus.logConfig = try StoredJSON.value(row["logConfig"])
        bus.eventSourceName = row["eventSourceName"]
        bus.policy = try (row["policy"] as String?).map { EventBusPolicy(document: try JSONParser.parse($0)) }
        bus.lastModifiedTime = Date(timeIntervalSince1970: row["lastModifiedTime"])
        return bus
    }

    static func rule(_ row: Row) throws -> Rule {
        guard let state = Rule.State(rawValue: row["state"]) else {
            throw DatabaseError(message: "Unknown rule state \(row["state"] as String)")
        }
        var rule = Rule(
            name: row["name"], eventBusName: row["eventBusName"],
            owner: Caller(account: row["account"], region: row["region"]), state: state)
        rule.eventPattern = row["eventPattern"]
        rule.scheduleExpression = row["scheduleExpression"]
        rule.description = row["description"]
        rule.roleArn = row["roleArn"]
        rule.managedBy = row["managedBy"]
        rule.createdBy = row["createdBy"]
        return rule
    }
}
