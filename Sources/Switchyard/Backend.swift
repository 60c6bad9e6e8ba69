public import Foundation
public import Logging

/// Everything behind the API, wired to one store: the control plane, the data plane,
/// the queue and logs services, the delivery worker that connects them, and the
/// sweeper that keeps queues within their retention.
public struct Backend: Sendable {
    public let controlPlane: ControlPlane
    public let dataPlane: DataPlane
    public let queues: QueueService
    public let logs: LogService
    public let deliveryWorker: DeliveryWorker
    public let queueExpiry: QueueExpiry

    public init(store: any Store, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        let machines = RuleMachines()
        let queues = QueueService(store: store, now: now)
        let logs = LogService(store: store, now: now)
        let wakeup = Arrivals()
        let dataPlane = DataPlane(store: store, machines: machines, queues: queues, now: now) {
            wakeup.signal(DeliveryWorker.channel)
        }
        self.queues = queues
        self.logs = logs
        self.dataPlane = dataPlane
        deliveryWorker = DeliveryWorker(
            store: store, invoker: LocalTargets(queues: queues, logs: logs, dataPlane: dataPlane), queues: queues, wakeup: wakeup,
            logger: logger, now: now)
        queueExpiry = QueueExpiry(store: store, logger: logger, now: now)
        controlPlane = ControlPlane(store: store, machines: machines, now: now)
    }

    /// The start-up step: compiles every bus's rules from the store.
    public func load() async throws {
        try await controlPlane.loadRuleMachines()
    }
}
