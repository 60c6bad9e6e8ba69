import Synchronization

/// A `Store` held in memory, for unit tests and throwaway servers. Transactions
/// run one at a time on a copy of the state, which replaces the state on success.
public final class MemoryStore: Store {
    private let state = Mutex(Resources())

    public init() {}

    public func read<Result: Sendable>(_ body: @Sendable (any ResourceReader) throws -> Result) async throws -> Result {
        let snapshot = state.withLock { $0 }
        return try body(MemoryTransaction(snapshot))
    }

    public func write<Result: Sendable>(_ body: @Sendable (any ResourceWriter) throws -> Result) async throws -> Result {
        try state.withLock { resources in
            let transaction = MemoryTransaction(resources)
            let result = try body(transaction)
            resources = transaction.resources
            // Inside the lock, so that actions run in commit order.
            for action in transaction.commitActions { action() }
            return result
        }
    }
}

struct Resources: Sendable {
    var eventBuses: [String: EventBus] = [:]
    var rules: [String: Rule] = [:]
    var targets: [String: [Target]] = [:]
    var tags: [String: [Tag]] = [:]
}

final class MemoryTransaction: ResourceWriter {
    var resources: Resources
    var commitActions: [@Sendable () -> Void] = []

    init(_ resources: Resources) {
        self.resources = resources
    }

    func eventBus(named name: String, owner: Caller) -> EventBus? {
        resources.eventBuses[ResourceName.eventBus(name, owner)]
    }

    func eventBuses(owner: Caller) -> [EventBus] {
        resources.eventBuses.values.filter { $0.owner == owner }.sorted { $0.name < $1.name }
    }

    func rule(named name: String, onBus bus: String, owner: Caller) -> Rule? {
        resources.rules[ResourceName.rule(name, onBus: bus, owner)]
    }

    func rules(onBus bus: String, owner: Caller) -> [Rule] {
        resources.rules.values.filter { $0.owner == owner && $0.eventBusName == bus }.sorted { $0.name < $1.name }
    }

    func allRules() -> [Rule] {
        Array(resources.rules.values)
    }

    func targets(ofRule ruleArn: String) -> [Target] {
        resources.targets[ruleArn] ?? []
    }

    func tags(of resourceArn: String) -> [Tag] {
        resources.tags[resourceArn] ?? []
    }

    func save(_ bus: EventBus) {
        resources.eventBuses[bus.arn] = bus
    }

    func deleteEventBus(named name: String, owner: Caller) {
        let arn = ResourceName.eventBus(name, owner)
        resources.eventBuses[arn] = nil
        resources.tags[arn] = nil
    }

    func save(_ rule: Rule) {
        resources.rules[rule.arn] = rule
    }

    func deleteRule(named name: String, onBus bus: String, owner: Caller) {
        let arn = ResourceName.rule(name, onBus: bus, owner)
        resources.rules[arn] = nil
        resources.targets[arn] = nil
        resources.tags[arn] = nil
    }

    func setTargets(_ targets: [Target], ofRule ruleArn: String) {
        resources.targets[ruleArn] = targets.isEmpty ? nil : targets
    }

    func setTags(_ tags: [Tag], of resourceArn: String) {
        resources.tags[resourceArn] = tags.isEmpty ? nil : tags
    }

    func afterCommit(_ action: @escaping @Sendable () -> Void) {
        commitActions.append(action)
    }
}
