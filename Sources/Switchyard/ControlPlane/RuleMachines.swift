public import EventPatterns
import Synchronization

/// One compiled pattern machine per event bus, holding the patterns of its enabled
/// rules under the rules' names. The control plane keeps it in step with the store
/// after every commit; matching reads it without waiting on writers.
public final class RuleMachines: Sendable {
    private let machines = Mutex<[String: PatternMachine]>([:])
    /// Rules (bus ARN, rule name) in state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS:
    /// the only ones that receive read-only CloudTrail API-call events.
    private let allCloudTrailRules = Mutex<Set<[String]>>([])

    public init() {}

    /// The machine for a bus, or nil while the bus has no enabled rule with a pattern.
    public func machine(forBus busArn: String) -> PatternMachine? {
        machines.withLock { $0[busArn] }
    }

    public func receivesReadOnlyCloudTrailEvents(_ ruleName: String, onBus busArn: String) -> Bool {
        allCloudTrailRules.withLock { $0.contains([busArn, ruleName]) }
    }

    /// Builds every machine from the stored rules, as at start-up.
    public func load(_ rules: [Rule]) {
        allCloudTrailRules.withLock { set in
            set = Set(rules.filter { $0.state == .enabledWithAllCloudTrailManagementEvents }.map { [$0.eventBusArn, $0.name] })
        }
        var entries: [String: [(name: String, pattern: EventPattern)]] = [:]
        for rule in rules where rule.state.isEnabled {
            guard let text = rule.eventPattern, let pattern = try? EventPattern(text) else { continue }
            entries[rule.eventBusArn, default: []].append((rule.name, pattern))
        }
        machines.withLock { machines in
            machines = entries.mapValues { rules in
                let machine = PatternMachine()
                machine.set(rules)
                return machine
            }
        }
    }

    /// Puts a created or changed rule into its bus's machine, or takes it out when
    /// the rule is disabled or has no pattern.
    func update(_ rule: Rule) {
        allCloudTrailRules.withLock { set in
            if rule.state == .enabledWithAllCloudTrailManagementEvents {
                set.insert([rule.eventBusArn, rule.name])
            } else {
                set.remove([rule.eventBusArn, rule.name])
            }
        }
        guard rule.state.isEnabled, let text = rule.eventPattern, let pattern = try? EventPattern(text) else {
            remove(rule.name, fromBus: rule.eventBusArn)
            return
        }
        let machine = machines.withLock { machines in
            if let machine = machines[rule.eventBusArn] { return machine }
            let machine = PatternMachine()
            machines[rule.eventBusArn] = machine
            return machine
        }
        machine.set(rule.name, to: pattern)
    }

    func remove(_ ruleName: String, fromBus busArn: String) {
        _ = allCloudTrailRules.withLock { $0.remove([busArn, ruleName]) }
        machines.withLock { $0[busArn] }?.remove(ruleName)
    }

    func removeBus(_ busArn: String) {
        _ = machines.withLock { $0.removeValue(forKey: busArn) }
    }
}
