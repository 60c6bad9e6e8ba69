public import EventPatterns
import Synchronization

/// One compiled pattern machine per event bus, holding the patterns of its enabled
/// rules under the rules' names. Matching reads it without waiting on writers.
///
/// The machines follow the store by version (`RuleChanges`): whoever reads the
/// changes after `version` applies them, so a node that missed a notification
/// catches up with the changes it missed, never with a rebuild. Compiling happens
/// outside the store's transactions: the store's writer, and every PutEvents
/// waiting on it, never waits for a compilation.
public final class RuleMachines: Sendable {
    private struct Rules {
        var machines: [String: PatternMachine] = [:]
        /// Rules (bus ARN, rule name) in state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS:
        /// the only ones that receive read-only CloudTrail API-call events.
        var allCloudTrailRules: Set<[String]> = []
    }

    private let rules = Mutex(Rules())
    /// The version of the latest change applied. Held while changes are compiled, so
    /// that they apply one batch at a time and a staler batch never undoes a newer one.
    private let applied = Mutex<Int64>(0)

    public init() {}

    /// The version of the latest change the machines hold.
    public var version: Int64 { applied.withLock { $0 } }

    /// The machine for a bus, or nil while the bus has no enabled rule with a pattern.
    public func machine(forBus busArn: String) -> PatternMachine? {
        rules.withLock { $0.machines[busArn] }
    }

    public func receivesReadOnlyCloudTrailEvents(_ ruleName: String, onBus busArn: String) -> Bool {
        rules.withLock { $0.allCloudTrailRules.contains([busArn, ruleName]) }
    }

    /// Applies changes read after the version held, one compilation per bus. Changes
    /// read before a newer batch was applied are already in it.
    public func apply(_ batch: RuleChanges) {
        applied.withLock { version in
            guard batch.version > version else { return }
            var byBus: [String: [(name: String, pattern: EventPattern?)]] = [:]
            for change in batch.changes {
                let rule = change.rule
                let pattern = rule.flatMap { $0.state.isEnabled ? $0.eventPattern : nil }.flatMap { try? EventPattern($0) }
                byBus[change.busArn, default: []].append((change.ruleName, pattern))
                rules.withLock { rules in
                    if rule?.state == .enabledWithAllCloudTrailManagementEvents {
                        rules.allCloudTrailRules.insert([change.busArn, change.ruleName])
                    } else {
                        rules.allCloudTrailRules.remove([change.busArn, change.ruleName])
                    }
                }
            }
            for (busArn, changes) in byBus {
                let machine = rules.withLock { rules in
                    if let machine = rules.machines[busArn] { return machine }
                    let machine = PatternMachine()
                    rules.machines[busArn] = machine
                    return machine
                }
                machine.apply(changes)
                if machine.names.isEmpty { _ = rules.withLock { $0.machines.removeValue(forKey: busArn) } }
            }
            version = batch.version
        }
    }
}
