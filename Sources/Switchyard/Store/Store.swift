/// Where everything lives: control-plane resources, accepted events and their
/// deliveries, queues and their messages, log groups. Every change runs in one
/// transaction, so a check and the write it guards (a rule with no targets is
/// deleted) cannot be split by another request, an event and its deliveries are
/// committed together, and a crash never leaves half of anything behind.
///
/// Transactions are async so that a store on a network database awaits its
/// server instead of blocking a thread. Each area (resources, the event log,
/// queues, log groups, schedules, archives, connections, trails, partner event sources,
/// global endpoints) is a protocol of its own, with a conformance suite every
/// backend runs.
public protocol Store: Sendable {
    /// Wakes waiters when a commit delivered what they wait for.
    var changes: any ChangeFeed { get }
    /// Reads committed state. Each call sees what was committed when it ran; reads
    /// that must agree with a change belong in `write`.
    func read<Result: Sendable>(_ body: @Sendable (any StoreReader) async throws -> Result) async throws -> Result
    /// Runs `body` in one transaction: it commits when `body` returns and rolls back
    /// when it throws. Returns once the commit is durable.
    func write<Result: Sendable>(_ body: @escaping @Sendable (any StoreWriter) async throws -> Result) async throws -> Result
    /// Runs `work` while this node holds the store's singleton role, so that what
    /// one node must do alone (sweeps, and the scheduler to come) runs on exactly
    /// one. A store one process owns holds the role from the start; a shared store
    /// cancels `work` when this node loses it, and hands it to another node. Returns
    /// when `work` returns or the calling task is cancelled.
    func runAsSingleton(_ work: @escaping @Sendable () async -> Void) async
    /// Whether this node reaches where the store lives, now.
    func isReachable() async -> Bool
}

/// The areas of the store, read-only.
public protocol StoreReader: Sendable {
    var resources: any ResourceReader { get }
    var queues: any QueueReader { get }
    var logs: any LogReader { get }
    var schedules: any ScheduleReader { get }
    var archives: any ArchiveReader { get }
    var connections: any ConnectionReader { get }
    var trails: any TrailReader { get }
    var partnerSources: any PartnerSourceReader { get }
    var endpoints: any EndpointReader { get }
}

/// The areas of the store inside one write transaction: reads see its own changes.
public protocol StoreWriter: Sendable {
    var resources: any ResourceWriter { get }
    var eventLog: any EventLog { get }
    var queues: any QueueWriter { get }
    var logs: any LogWriter { get }
    var schedules: any ScheduleWriter { get }
    var archives: any ArchiveWriter { get }
    var connections: any ConnectionWriter { get }
    var trails: any TrailWriter { get }
    var partnerSources: any PartnerSourceWriter { get }
    var endpoints: any EndpointWriter { get }
}
