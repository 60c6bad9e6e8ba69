public import Foundation
public import Logging
public import ServiceLifecycle

/// Everything behind the API, wired to one store: the control plane, the data plane,
/// the queue and logs services, and the services that run beside the API: the
/// delivery worker that connects them, the singleton's work (the sweeper that keeps
/// queues and archives within their retention, the scheduler that fires scheduled
/// rules, the replayer), the follower that keeps the pattern machines current, and
/// the recorder that makes API calls CloudTrail records.
public struct Backend: Sendable {
    public let controlPlane: ControlPlane
    public let dataPlane: DataPlane
    public let queues: QueueService
    public let logs: LogService
    public let deliveryWorker: DeliveryWorker
    public let retention: Retention
    public let scheduler: Scheduler
    public let replayer: Replayer
    public let ruleChangeFollower: RuleChangeFollower
    public let cloudTrail: CloudTrailRecorder

    /// `invokers` serve the targets beyond this server (AWS services, API destinations),
    /// beside the local queues, log groups and buses; `secrets` seals connections'
    /// secrets, with a key that must outlive the process for them to be read again.
    /// Trails write their log files under `trailLogFolder`, one folder per bucket;
    /// without one, they write none. `organizations` says which organisation each
    /// account belongs to, for the policies that grant one; `controlPlaneConfiguration` holds the
    /// quotas and which accounts are partners.
    public init(
        store: any Store, logger: Logger, clock: any WallClock = SystemClock(), deliveries: DeliveryWorker.Configuration = .init(),
        invokers: [TargetDestination.Kind: any TargetInvoker] = [:], secrets: SecretBox = .ephemeral(),
        trailLogFolder: URL? = nil, organizations: any Organizations = NoOrganizations(),
        controlPlaneConfiguration: ControlPlane.Configuration = .init()
    ) {
        let machines = RuleMachines()
        let queues = QueueService(store: store, clock: clock, organizations: organizations)
        let logs = LogService(store: store, clock: clock)
        let dataPlane = DataPlane(
            store: store, machines: machines, queues: queues, clock: clock, logger: logger, organizations: organizations
        ) {
            store.changes.signal(DeliveryWorker.channel)
        }
        self.queues = queues
        self.logs = logs
        self.dataPlane = dataPlane
        deliveryWorker = DeliveryWorker(
            store: store,
            invoker: TargetInvokers(invokers.merging([
                .queue: LocalQueues(queues: queues, elsewhere: invokers[.awsService]), .logGroup: LocalLogGroups(logs: logs),
                .eventBus: LocalBuses(dataPlane: dataPlane, elsewhere: invokers[.awsService]),
            ]) { _, local in local }),
            queues: queues,
            configuration: deliveries, logger: logger, clock: clock)
        retention = Retention(store: store, logger: logger, clock: clock)
        scheduler = Scheduler(dataPlane: dataPlane, logger: logger)
        replayer = Replayer(dataPlane: dataPlane, logger: logger)
        controlPlane = ControlPlane(store: store, machines: machines, configuration: controlPlaneConfiguration, clock: clock, secrets: secrets,
            organizations: organizations)
        ruleChangeFollower = RuleChangeFollower(controlPlane: controlPlane, logger: logger, clock: clock)
        cloudTrail = CloudTrailRecorder(
            store: store, dataPlane: dataPlane, logFiles: trailLogFolder.map(TrailLogFiles.init), logger: logger, clock: clock)
    }

    /// The start-up step: compiles every bus's rules from the store.
    public func load() async throws {
        try await controlPlane.catchUpRuleMachines()
    }

    /// What runs beside the API for as long as it serves.
    public var services: [any Service] {
        let (retention, scheduler, replayer) = (retention, scheduler, replayer)
        let singletonWork = SingletonWork(
            store: controlPlane.store,
            jobs: [{ await retention.keepSweeping() }, { await scheduler.keepFiring() }, { await replayer.keepReplaying() }])
        return [deliveryWorker, singletonWork, ruleChangeFollower, cloudTrail]
    }
}
