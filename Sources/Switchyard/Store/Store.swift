/// Where everything lives: control-plane resources, accepted events and their
/// deliveries, queues and their messages. Every change runs in one transaction, so
/// a check and the write it guards (a rule with no targets is deleted) cannot be
/// split by another request, an event and its deliveries are committed together,
/// and a crash never leaves half of anything behind.
public protocol Store: Sendable {
    /// Wakes waiters when a commit delivered what they wait for.
    var changes: any ChangeFeed { get }
    func read<Result: Sendable>(_ body: @Sendable (any StoreReader) throws -> Result) async throws -> Result
    func write<Result: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> Result) async throws -> Result
}

public typealias StoreReader = ResourceReader & QueueReader & LogReader
public typealias StoreWriter = ResourceWriter & QueueWriter & LogWriter & EventLog

/// The resources visible inside a transaction. Lists come sorted by name.
public protocol ResourceReader {
    func eventBus(named name: String, owner: Caller) throws -> EventBus?
    func eventBuses(owner: Caller) throws -> [EventBus]
    func rule(named name: String, onBus bus: String, owner: Caller) throws -> Rule?
    func rules(onBus bus: String, owner: Caller) throws -> [Rule]
    /// Every rule of every bus: what the pattern machines are built from at start-up.
    func allRules() throws -> [Rule]
    func targets(ofRule ruleArn: String) throws -> [Target]
    func tags(of resourceArn: String) throws -> [Tag]
}

/// A write transaction: reads see its own changes.
public protocol ResourceWriter: ResourceReader {
    func save(_ bus: EventBus) throws
    func deleteEventBus(named name: String, owner: Caller) throws
    func save(_ rule: Rule) throws
    func deleteRule(named name: String, onBus bus: String, owner: Caller) throws
    /// Replaces all targets of a rule, in the order given.
    func setTargets(_ targets: [Target], ofRule ruleArn: String) throws
    func setTags(_ tags: [Tag], of resourceArn: String) throws
    /// Runs `action` once the transaction has committed, in commit order; never
    /// when it rolls back. The compiled pattern machines follow the store this way.
    func afterCommit(_ action: @escaping @Sendable () -> Void)
}
