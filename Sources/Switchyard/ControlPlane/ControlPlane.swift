import Foundation
import Synchronization

/// EventBridge's control plane: the operations on buses, rules, targets, tags and
/// permissions, with AWS's semantic checks. Shape constraints (lengths, patterns,
/// enums, required members) are checked before a request gets here, from the
/// service model; what remains is what the model cannot say.
public struct ControlPlane: Sendable {
    public struct Configuration: Sendable {
        /// AWS's quotas, per account and Region.
        public var maximumEventBuses = 100
        public var maximumRulesPerBus = 300
        public var maximumTargetsPerRule = 5
        public var maximumPolicyLength = 10_240
        /// The partner names each account may create partner event sources under
        /// (`aws.partner/NAME/…`); on AWS partners register with AWS.
        public var partners: [String: Set<String>] = [:]

        public init() {}
    }

    public let store: any Store
    public let machines: RuleMachines
    public let configuration: Configuration
    let clock: any WallClock
    /// Seals connections' secrets before they reach the store.
    let secrets: SecretBox
    /// Which organisation each account belongs to, for the policies that grant one.
    let organizations: any Organizations
    /// Accounts and Regions whose default bus is known to exist.
    private let provisioned = ProvisionedScopes()

    public init(
        store: any Store, machines: RuleMachines, configuration: Configuration = .init(),
        clock: any WallClock = SystemClock(), secrets: SecretBox = .ephemeral(), organizations: any Organizations = NoOrganizations()
    ) {
        self.store = store
        self.organizations = organizations
        self.secrets = secrets
        self.machines = machines
        self.configuration = configuration
        self.clock = clock
    }

    /// Brings the pattern machines up to the latest committed rule change: from
    /// nothing at start-up, then after every change.
    public func catchUpRuleMachines() async throws {
        let version = machines.version
        machines.apply(try await store.read { try await $0.resources.ruleChanges(after: version) })
    }

    /// A write that may change rules: it returns once the changes it committed are
    /// compiled into the pattern machines, so an event put after a PutRule answered
    /// meets the rule.
    func writeChangingRules<Result: Sendable>(
        _ body: @escaping @Sendable (any StoreWriter) async throws -> Result
    ) async throws -> Result {
        let result = try await store.write(body)
        try await catchUpRuleMachines()
        store.changes.signal(RuleChangeFollower.channel)
        return result
    }

    /// Makes sure the caller's `default` bus exists: AWS gives one to every account in
    /// every Region, so it is created on first use rather than by any request.
    func provisionDefaultBus(for caller: Caller) async throws {
        guard !provisioned.contains(caller) else { return }
        let creationTime = clock.now
        try await store.write { store in
            if try await store.resources.eventBus(named: ResourceName.defaultEventBus, owner: caller) == nil {
                try await store.resources.save(EventBus(name: ResourceName.defaultEventBus, owner: caller, creationTime: creationTime))
            }
        }
        provisioned.insert(caller)
    }

    /// The bus a request names (by name or ARN; `default` when absent), which must
    /// belong to the caller.
    static func eventBusName(_ nameOrArn: String?, _ caller: Caller) throws(ServiceError) -> String {
        let (name, owner) = try eventBus(nameOrArn, caller)
        guard owner == caller else { throw .eventBusNotFound(name) }
        return name
    }

    /// The bus a request names and the account and Region it belongs to: an ARN
    /// may name another account's.
    static func eventBus(_ nameOrArn: String?, _ caller: Caller) throws(ServiceError) -> (name: String, owner: Caller) {
        guard let nameOrArn else { return (ResourceName.defaultEventBus, caller) }
        guard nameOrArn.hasPrefix("arn:") else { return (nameOrArn, caller) }
        guard let (resource, owner) = ResourceName.parse(nameOrArn), case .eventBus(let name) = resource else {
            throw .validation("Parameter EventBusName is not valid. Reason: Provided Arn is not in correct format.")
        }
        return (name, owner)
    }

    static func requireEventBus(_ name: String, _ caller: Caller, in store: any ResourceReader) async throws -> EventBus {
        guard let bus = try await store.eventBus(named: name, owner: caller) else { throw ServiceError.eventBusNotFound(name) }
        return bus
    }

    static func requireRule(_ name: String, onBus bus: String, _ caller: Caller, in store: any ResourceReader) async throws -> Rule {
        _ = try await requireEventBus(bus, caller, in: store)
        guard let rule = try await store.rule(named: name, onBus: bus, owner: caller) else {
            throw ServiceError.ruleNotFound(name, onBus: bus)
        }
        return rule
    }
}

private final class ProvisionedScopes: Sendable {
    private let scopes = Mutex(Set<Caller>())

    func contains(_ caller: Caller) -> Bool { scopes.withLock { $0.contains(caller) } }
    func insert(_ caller: Caller) { _ = scopes.withLock { $0.insert(caller) } }
}
