import EventPatterns
import Schedules

extension ControlPlane {
    public struct RuleDefinition: Sendable {
        public var eventPattern: String?
        public var scheduleExpression: String?
        public var state: Rule.State?
        public var description: String?
        public var roleArn: String?

        public init(
            eventPattern: String? = nil, scheduleExpression: String? = nil, state: Rule.State? = nil,
            description: String? = nil, roleArn: String? = nil
        ) {
            self.eventPattern = eventPattern
            self.scheduleExpression = scheduleExpression
            self.state = state
            self.description = description
            self.roleArn = roleArn
        }
    }

    /// Creates the rule or replaces it whole: members the request leaves out are
    /// cleared, and tags apply only when the rule is created.
    public func putRule(
        _ name: String, onBus busNameOrArn: String?, _ definition: RuleDefinition, tags: [Tag], caller: Caller
    ) async throws -> Rule {
        let (busName, owner) = try await ruleScope(busNameOrArn, rule: name, action: "events:PutRule", caller: caller)
        try Self.validate(definition, busName: busName)
        try await provisionDefaultBus(for: caller)
        let limit = configuration.maximumRulesPerBus
        let moment = clock.now
        return try await writeChangingRules { store in
            _ = try await Self.requireEventBus(busName, owner, in: store.resources)
            var rule: Rule
            if let existing = try await store.resources.rule(named: name, onBus: busName, owner: owner) {
                try Self.requireUnmanaged(existing, force: false)
                rule = existing
            } else {
                guard try await store.resources.rules(onBus: busName, owner: owner).count < limit else { throw ServiceError.limitExceeded }
                rule = Rule(name: name, eventBusName: busName, owner: owner)
                rule.createdBy = caller.account
                try await store.resources.setTags(tags, of: rule.arn)
            }
            rule.eventPattern = definition.eventPattern
            rule.scheduleExpression = definition.scheduleExpression
            rule.state = definition.state ?? .enabled
            rule.description = definition.description
            rule.roleArn = definition.roleArn
            try await store.resources.save(rule)
            try await Self.reschedule(rule, at: moment, in: store)
            return rule
        }
    }

    public func describeRule(_ name: String, onBus busNameOrArn: String?, caller: Caller) async throws -> Rule {
        let (busName, owner) = try await ruleScope(busNameOrArn, rule: name, action: "events:DescribeRule", caller: caller)
        try await provisionDefaultBus(for: caller)
        return try await store.read { try await Self.requireRule(name, onBus: busName, owner, in: $0.resources) }
    }

    public func listRules(
        namePrefix: String?, onBus busNameOrArn: String?, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<Rule> {
        let (busName, owner) = try await ruleScope(busNameOrArn, rule: nil, action: "events:ListRules", caller: caller)
        try await provisionDefaultBus(for: caller)
        let rules = try await store.read { store in
            _ = try await Self.requireEventBus(busName, owner, in: store.resources)
            return try await store.resources.rules(onBus: busName, owner: owner)
        }
        return try Page(rules.filter { $0.name.hasPrefix(namePrefix ?? "") }, key: \.name, after: nextToken, limit: limit)
    }

    public func setRuleState(_ name: String, onBus busNameOrArn: String?, to state: Rule.State, caller: Caller) async throws {
        let action = state.isEnabled ? "events:EnableRule" : "events:DisableRule"
        let (busName, owner) = try await ruleScope(busNameOrArn, rule: name, action: action, caller: caller)
        try await provisionDefaultBus(for: caller)
        let moment = clock.now
        try await writeChangingRules { store in
            var rule = try await Self.requireRule(name, onBus: busName, owner, in: store.resources)
            try Self.requireUnmanaged(rule, force: false)
            rule.state = state
            try await store.resources.save(rule)
            try await Self.reschedule(rule, at: moment, in: store)
        }
    }

    /// Deleting a rule that does not exist succeeds, as on AWS.
    public func deleteRule(_ name: String, onBus busNameOrArn: String?, force: Bool, caller: Caller) async throws {
        let (busName, owner) = try await ruleScope(busNameOrArn, rule: name, action: "events:DeleteRule", caller: caller)
        try await provisionDefaultBus(for: caller)
        try await writeChangingRules { store in
            _ = try await Self.requireEventBus(busName, owner, in: store.resources)
            guard let rule = try await store.resources.rule(named: name, onBus: busName, owner: owner) else { return }
            try Self.requireUnmanaged(rule, force: force)
            guard try await store.resources.targets(ofRule: rule.arn).isEmpty else {
                throw ServiceError.validation("Rule can't be deleted since it has targets.")
            }
            try await store.resources.deleteRule(named: name, onBus: busName, owner: owner)
            try await store.schedules.deleteSchedule(ofRule: rule.arn)
        }
    }

    public func listRuleNamesByTarget(
        _ targetArn: String, onBus busNameOrArn: String?, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<String> {
        let busName = try Self.eventBusName(busNameOrArn, caller)
        try await provisionDefaultBus(for: caller)
        let names = try await store.read { store in
            _ = try await Self.requireEventBus(busName, caller, in: store.resources)
            var names: [String] = []
            for rule in try await store.resources.rules(onBus: busName, owner: caller)
            where try await store.resources.targets(ofRule: rule.arn).contains(where: { $0.arn == targetArn }) {
                names.append(rule.name)
            }
            return names
        }
        return try Page(names, key: { $0 }, after: nextToken, limit: limit)
    }

    static func validate(_ definition: RuleDefinition, busName: String) throws(ServiceError) {
        if definition.eventPattern == nil && definition.scheduleExpression == nil {
            throw .validation("Parameter(s) EventPattern or ScheduleExpression must be specified.")
        }
        if let schedule = definition.scheduleExpression {
            guard busName == ResourceName.defaultEventBus else {
                throw .validation("ScheduleExpression is supported only on the default event bus.")
            }
            do {
                _ = try ScheduleExpression(schedule)
            } catch {
                throw .validation(error.description)
            }
        }
        if let pattern = definition.eventPattern {
            do {
                _ = try EventPattern(pattern)
            } catch {
                throw .invalidEventPattern(error.description)
            }
        }
    }

    /// Rules that an AWS service manages change only through that service, or with `Force`.
    static func requireUnmanaged(_ rule: Rule, force: Bool) throws(ServiceError) {
        if let manager = rule.managedBy, !force {
            throw .managedRule("Rule \(rule.name) is managed by \(manager) and cannot be modified without Force.")
        }
    }
}
