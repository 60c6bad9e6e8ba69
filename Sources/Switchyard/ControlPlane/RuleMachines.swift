public import EventPatterns
import Synchronization

/// One compiled pattern machine per event bus, holding the patterns of its enabled
/// rules under the rules' names. Matching reads it without waiting on writers.
///
/// The store reports each committed rule change after its commit, in commit order;
/// that only notes the change. Compiling a bus's machine can take a while on a large
/// bus, so it happens in `applyPending`, which the control plane calls once its
/// write has returned: the store's writer, and every PutEvents waiting on it, never
/// waits for a compilation.
public final class RuleMachines: Sendable {
    private enum Change {
        case rule(busArn: String, name: String, pattern: String?)
        case busRemoved(String)
    }

    private let machines = Mutex<[String: PatternMachine]>([:])
    /// Rules (bus ARN, rule name) in state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS:
    /// the only ones that receive read-only CloudTrail API-call events.
    private let allCloudTrailRules = Mutex<Set<[String]>>([])
    /// Changes committed but not yet compiled, in commit order.
    private let pending = Mutex<[Change]>([])
    /// Held while changes are compiled: they are applied in commit order, and a caller
    /// of `applyPending` whose change another caller took returns only once it is in.
    private let compiling = Mutex<Void>(())

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

    /// Notes a created or changed rule: it goes into its bus's machine, or out of it
    /// when the rule is disabled or has no pattern.
    func update(_ rule: Rule) {
        allCloudTrailRules.withLock { set in
            if rule.state == .enabledWithAllCloudTrailManagementEvents {
                set.insert([rule.eventBusArn, rule.name])
            } else {
                set.remove([rule.eventBusArn, rule.name])
            }
        }
        let pattern = rule.state.isEnabled ? rule.eventPattern : nil
        pending.withLock { $0.append(.rule(busArn: rule.eventBusArn, name: rule.name, pattern: pattern)) }
    }

    func remove(_ ruleName: String, fromBus busArn: String) {
        _ = allCloudTrailRules.withLock { $0.remove([busArn, ruleName]) }
        pending.withLock { $0.append(.rule(busArn: busArn, name: ruleName, pattern: nil)) }
    }

    func removeBus(_ busArn: String) {
        pending.withLock { $0.append(.busRemoved(busArn)) }
    }

    /// Compiles the changes noted so far, one compilation per bus.
    func applyPending() {
        compiling.withLock { _ in
            let changes = pending.withLock { pending in
                defer { pending = [] }
                return pending
            }
            var byBus: [String: [(name: String, pattern: EventPattern?)]] = [:]
            for change in changes {
                switch change {
                case .rule(let busArn, let name, let text):
                    byBus[busArn, default: []].append((name, text.flatMap { try? EventPattern($0) }))
                case .busRemoved(let busArn):
                    byBus[busArn] = nil
                    _ = machines.withLock { $0.removeValue(forKey: busArn) }
                }
            }
            for (busArn, changes) in byBus {
                let machine = machines.withLock { machines in
                    if let machine = machines[busArn] { return machine }
                    let machine = PatternMachine()
                    machines[busArn] = machine
                    return machine
                }
                machine.apply(changes)
            }
        }
    }
}
