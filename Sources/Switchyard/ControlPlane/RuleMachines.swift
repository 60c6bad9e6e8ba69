public import EventPatterns
import Synchronization

/// One compiled pattern machine per event bus, holding the patterns of its enabled
/// rules under the rules' names. The control plane keeps it in step with the store
/// after every commit; matching reads it without waiting on writers.
public final class RuleMachines: Sendable {
    private let machines = Mutex<[String: PatternMachine]>([:])

    public init() {}

    /// The machine for a bus, or nil while the bus has no enabled rule with a pattern.
    public func machine(forBus busArn: String) -> PatternMachine? {
        machines.withLock { $0[busArn] }
    }

    /// Builds every machine from the stored rules, as at start-up.
    public func load(_ rules: [Rule]) {
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
        machines.withLock { $0[busArn] }?.remove(ruleName)
    }

    func removeBus(_ busArn: String) {
        _ = machines.withLock { $0.removeValue(forKey: busArn) }
    }
}
