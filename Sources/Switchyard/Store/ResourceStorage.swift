/// The control plane's resources. Lists come sorted by name.
public protocol ResourceReader: Sendable {
    func eventBus(named name: String, owner: Caller) async throws -> EventBus?
    func eventBuses(owner: Caller) async throws -> [EventBus]
    func rule(named name: String, onBus bus: String, owner: Caller) async throws -> Rule?
    func rules(onBus bus: String, owner: Caller) async throws -> [Rule]
    /// Every rule of every bus: what the pattern machines are built from at start-up.
    func allRules() async throws -> [Rule]
    func targets(ofRule ruleArn: String) async throws -> [Target]
    func tags(of resourceArn: String) async throws -> [Tag]
}

public protocol ResourceWriter: ResourceReader {
    func save(_ bus: EventBus) async throws
    /// Deletes a bus with its tags.
    func deleteEventBus(named name: String, owner: Caller) async throws
    func save(_ rule: Rule) async throws
    /// Deletes a rule with its targets and tags.
    func deleteRule(named name: String, onBus bus: String, owner: Caller) async throws
    /// Replaces all targets of a rule, in the order given.
    func setTargets(_ targets: [Target], ofRule ruleArn: String) async throws
    func setTags(_ tags: [Tag], of resourceArn: String) async throws
}
