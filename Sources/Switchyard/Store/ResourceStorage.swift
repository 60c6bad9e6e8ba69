/// The control plane's resources. Lists come sorted by name.
public protocol ResourceReader: Sendable {
    func eventBus(named name: String, owner: Caller) async throws -> EventBus?
    func eventBuses(owner: Caller) async throws -> [EventBus]
    func rule(named name: String, onBus bus: String, owner: Caller) async throws -> Rule?
    func rules(onBus bus: String, owner: Caller) async throws -> [Rule]
    /// The rules changed after `version` (every rule there is, from 0): what each
    /// node's pattern machines are built and kept current from.
    func ruleChanges(after version: Int64) async throws -> RuleChanges
    func targets(ofRule ruleArn: String) async throws -> [Target]
    func tags(of resourceArn: String) async throws -> [Tag]
}

public protocol ResourceWriter: ResourceReader {
    func save(_ bus: EventBus) async throws
    /// Deletes a bus with its tags.
    func deleteEventBus(named name: String, owner: Caller) async throws
    /// Saves a rule and records the change under the next version.
    func save(_ rule: Rule) async throws
    /// Deletes a rule with its targets and tags, and records the change under the next version.
    func deleteRule(named name: String, onBus bus: String, owner: Caller) async throws
    /// Replaces all targets of a rule, in the order given.
    func setTargets(_ targets: [Target], ofRule ruleArn: String) async throws
    func setTags(_ tags: [Tag], of resourceArn: String) async throws
}
