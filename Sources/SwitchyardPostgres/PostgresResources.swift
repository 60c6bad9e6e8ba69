import EventPatterns
import Foundation
import PostgresNIO
import Switchyard

/// Buses, rules, targets and tags in PostgreSQL. Values are always bound, never
/// spliced into SQL.
struct PostgresResources: ResourceWriter {
    let session: PostgresSession

    func eventBus(named name: String, owner: Caller) async throws -> EventBus? {
        try await session.row("SELECT * FROM event_bus WHERE arn = \(ResourceName.eventBus(name, owner))").map(Self.eventBus)
    }

    func eventBuses(owner: Caller) async throws -> [EventBus] {
        try await session.rows("""
            SELECT * FROM event_bus WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
            """).map(Self.eventBus)
    }

    func rule(named name: String, onBus bus: String, owner: Caller) async throws -> Rule? {
        try await session.row("SELECT * FROM rule WHERE arn = \(ResourceName.rule(name, onBus: bus, owner))").map(Self.rule)
    }

    func rules(onBus bus: String, owner: Caller) async throws -> [Rule] {
        try await session.rows("""
            SELECT * FROM rule WHERE account = \(owner.account) AND region = \(owner.region) AND event_bus_name = \(bus)
            ORDER BY name
            """).map(Self.rule)
    }

    func ruleChanges(after version: Int64) async throws -> RuleChanges {
        let rows = try await session.rows("""
            SELECT rule_change.bus_arn, rule_change.rule_name, rule_change.version, rule.*
            FROM rule_change LEFT JOIN rule ON rule.arn = rule_change.rule_arn
            WHERE rule_change.version > \(version) ORDER BY rule_change.version
            """)
        let changes = try rows.map { row in
            RuleChanges.Change(
                busArn: try row.value("bus_arn"), ruleName: try row.value("rule_name"),
                rule: try row.value("arn", as: String?.self) == nil ? nil : try Self.rule(row))
        }
        return RuleChanges(version: try rows.last?.value("version", as: Int64.self) ?? version, changes: changes)
    }

    func targets(ofRule ruleArn: String) async throws -> [Target] {
        try await session.rows("SELECT definition FROM target WHERE rule_arn = \(ruleArn) ORDER BY position")
            .map { Target(definition: try JSONParser.parse(try $0.value("definition", as: String.self))) }
    }

    func tags(of resourceArn: String) async throws -> [Tag] {
        try await session.rows("SELECT key, value FROM tag WHERE resource_arn = \(resourceArn) ORDER BY position")
            .map { Tag(key: try $0.text("key"), value: try $0.text("value")) }
    }

    func save(_ bus: EventBus) async throws {
        try await session.execute("""
            INSERT INTO event_bus
              (arn, account, region, name, description, kms_key_identifier, dead_letter_config, log_config,
               event_source_name, policy, creation_time, last_modified_time)
            VALUES (\(bus.arn), \(bus.owner.account), \(bus.owner.region), \(bus.name), \(bus.description.client),
                    \(bus.kmsKeyIdentifier), \(try StoredJSON.text(bus.deadLetterConfig)), \(try StoredJSON.text(bus.logConfig)),
                    \(bus.eventSourceName), \(bus.policy?.text), \(bus.creationTime.timeIntervalSince1970),
                    \(bus.lastModifiedTime.timeIntervalSince1970))
            ON CONFLICT (arn) DO UPDATE SET
              description = excluded.description, kms_key_identifier = excluded.kms_key_identifier,
              dead_letter_config = excluded.dead_letter_config, log_config = excluded.log_config,
              event_source_name = excluded.event_source_name, policy = excluded.policy,
              creation_time = excluded.creation_time, last_modified_time = excluded.last_modified_time
            """)
    }

    func deleteEventBus(named name: String, owner: Caller) async throws {
        let arn = ResourceName.eventBus(name, owner)
        try await session.execute("DELETE FROM event_bus WHERE arn = \(arn)")
        try await session.execute("DELETE FROM tag WHERE resource_arn = \(arn)")
    }

    func save(_ rule: Rule) async throws {
        try await session.execute("""
            INSERT INTO rule
              (arn, account, region, event_bus_name, name, event_pattern, schedule_expression, state, description,
               role_arn, managed_by, created_by)
            VALUES (\(rule.arn), \(rule.owner.account), \(rule.owner.region), \(rule.eventBusName), \(rule.name),
                    \(rule.eventPattern), \(rule.scheduleExpression), \(rule.state.rawValue), \(rule.description.client),
                    \(rule.roleArn), \(rule.managedBy), \(rule.createdBy))
            ON CONFLICT (arn) DO UPDATE SET
              event_pattern = excluded.event_pattern, schedule_expression = excluded.schedule_expression,
              state = excluded.state, description = excluded.description, role_arn = excluded.role_arn,
              managed_by = excluded.managed_by, created_by = excluded.created_by
            """)
        try await recordChange(ofRule: rule.arn, busArn: rule.eventBusArn, name: rule.name)
    }

    func deleteRule(named name: String, onBus bus: String, owner: Caller) async throws {
        let arn = ResourceName.rule(name, onBus: bus, owner)
        try await session.execute("DELETE FROM rule WHERE arn = \(arn)")
        try await session.execute("DELETE FROM target WHERE rule_arn = \(arn)")
        try await session.execute("DELETE FROM tag WHERE resource_arn = \(arn)")
        try await recordChange(ofRule: arn, busArn: ResourceName.eventBus(bus, owner), name: name)
    }

    /// Taking the next version locks the version row until this transaction ends,
    /// so a later version is always a later commit.
    private func recordChange(ofRule ruleArn: String, busArn: String, name: String) async throws {
        try await session.execute("""
            WITH next AS (UPDATE rule_version SET version = version + 1 RETURNING version)
            INSERT INTO rule_change (rule_arn, bus_arn, rule_name, version)
            SELECT \(ruleArn), \(busArn), \(name), version FROM next
            ON CONFLICT (rule_arn) DO UPDATE SET version = excluded.version
            """)
    }

    func setTargets(_ targets: [Target], ofRule ruleArn: String) async throws {
        try await session.execute("DELETE FROM target WHERE rule_arn = \(ruleArn)")
        for (position, target) in targets.enumerated() {
            try await session.execute("""
                INSERT INTO target (rule_arn, position, target_id, definition)
                VALUES (\(ruleArn), \(position), \(target.id), \(target.definition.jsonText))
                """)
        }
    }

    func setTags(_ tags: [Tag], of resourceArn: String) async throws {
        try await session.execute("DELETE FROM tag WHERE resource_arn = \(resourceArn)")
        for (position, tag) in tags.enumerated() {
            try await session.execute("""
                INSERT INTO tag (resource_arn, position, key, value)
                VALUES (\(resourceArn), \(position), \(tag.key.client), \(tag.value.client))
                """)
        }
    }

    private static func eventBus(_ row: PostgresRandomAccessRow) throws -> EventBus {
        var bus = EventBus(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            creationTime: try row.date("creation_time"))
        bus.description = try row.optionalText("description")
        bus.kmsKeyIdentifier = try row.value("kms_key_identifier")
        bus.deadLetterConfig = try StoredJSON.value(try row.value("dead_letter_config"))
        bus.logConfig = try StoredJSON.value(try row.value("log_config"))
        bus.eventSourceName = try row.value("event_source_name")
        bus.policy = try row.value("policy", as: String?.self).map { EventBusPolicy(document: try JSONParser.parse($0)) }
        bus.lastModifiedTime = try row.date("last_modified_time")
        return bus
    }

    static func rule(_ row: PostgresRandomAccessRow) throws -> Rule {
        let stateText = try row.value("state", as: String.self)
        guard let state = Rule.State(rawValue: stateText) else { throw UnknownValue(column: "state", value: stateText) }
        var rule = Rule(
            name: try row.value("name"), eventBusName: try row.value("event_bus_name"),
            owner: Caller(account: try row.value("account"), region: try row.value("region")), state: state)
        rule.eventPattern = try row.value("event_pattern")
        rule.scheduleExpression = try row.value("schedule_expression")
        rule.description = try row.optionalText("description")
        rule.roleArn = try row.value("role_arn")
        rule.managedBy = try row.value("managed_by")
        rule.createdBy = try row.value("created_by")
        return rule
    }
}

/// A stored value this version does not know.
struct UnknownValue: Error, CustomStringConvertible {
    var column: String
    var value: String
    var description: String { "Unknown \(column) \(value) in the store" }
}
