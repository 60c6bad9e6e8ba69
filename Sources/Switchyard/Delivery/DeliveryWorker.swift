import EventPatterns
import EventTransforms
public import Foundation
import Logging
public import ServiceLifecycle
import Synchronization

/// Works off the deliveries: claims those that are due, makes each target's input,
/// invokes the targets, and settles every delivery by the state machine in
/// `DeliveryStep`. Runs as a service beside the HTTP server; a restart picks up
/// whatever was in flight.
public final class DeliveryWorker: Service {
    public struct Configuration: Sendable {
        public var batchSize = 512
        /// How long a claimed delivery stays with this worker before it is due again:
        /// how soon another node takes over the claims of a node that died.
        public var lease: TimeInterval = 60
        /// The longest the worker sleeps while nothing arrives, to find retries that came due.
        public var idleWait: Duration = .seconds(1)

        public init() {}
    }

    let store: any Store
    let invoker: any TargetInvoker
    let queues: QueueService
    let configuration: Configuration
    let logger: Logger
    let clock: any WallClock
    let random: @Sendable () -> Double
    private let dropped = Atomic<Int>(0)

    init(
        store: any Store, invoker: any TargetInvoker, queues: QueueService,
        configuration: Configuration = .init(), logger: Logger, clock: any WallClock = SystemClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.invoker = invoker
        self.queues = queues
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        self.random = random
    }

    /// Events dropped after their retries, for want of a dead-letter queue.
    public var droppedEvents: Int { dropped.load(ordering: .relaxed) }

    public func run() async throws {
        try await resumeAfterRestart()
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let generation = self.store.changes.generation(of: Self.channel)
                do {
                    if try await self.deliverDue() > 0 { continue }
                } catch {
                    self.logger.error("Delivery round failed", metadata: ["error": "\(error)"])
                }
                await self.store.changes.wait(
                    on: Self.channel, after: generation, upTo: self.configuration.idleWait, clock: self.clock)
            }
        }
    }

    /// Makes the deliveries a stopped worker had claimed due again: at-least-once
    /// means an attempt cut off by a crash is made again.
    public func resumeAfterRestart() async throws {
        try await store.write { try await $0.eventLog.releaseClaimedDeliveries() }
    }

    /// One round: attempts every delivery due now and settles it. Returns how many it attempted.
    @discardableResult
    public func deliverDue() async throws -> Int {
        let moment = clock.now
        let claimed = try await store.write { [configuration] store in
            try await store.eventLog.claimDeliveries(
                dueBy: moment, leaseUntil: moment.addingTimeInterval(configuration.lease), limit: configuration.batchSize)
        }
        guard !claimed.isEmpty else { return 0 }

        var failures = [DeliveryFailure?](repeating: nil, count: claimed.count)
        var invocations: [TargetInvocation] = []
        var invoked: [Int] = []
        for (index, item) in claimed.enumerated() {
            guard let target = item.target else { continue }
            do {
                // A bus receives the event itself, whatever the target's input settings.
                let input = try target.input(
                    forEvent: item.event.text, ruleArn: item.delivery.ruleArn, ingestionTime: item.event.ingestionTime)
                invocations.append(TargetInvocation(target: target, input: input, ruleArn: item.delivery.ruleArn, event: item.event))
                invoked.append(index)
            } catch {
                failures[index] = error
            }
        }
        for (index, failure) in zip(invoked, await invoker.invoke(invocations)) {
            failures[index] = failure
        }
        try await settle(claimed, failures)
        return claimed.count
    }

    private func settle(_ claimed: [ClaimedDelivery], _ failures: [DeliveryFailure?]) async throws {
        let moment = clock.now
        var deadLetters: [(queueArn: String, message: OutgoingMessage)] = []
        var finished: [Delivery] = []
        var retries: [Delivery] = []
        for (item, failure) in zip(claimed, failures) {
            var delivery = item.delivery
            // A target removed since the event matched is owed nothing.
            guard let target = item.target else {
                finished.append(delivery)
                continue
            }
            let step = DeliveryStep.after(
                failure, of: delivery, policy: RetryPolicy(target.retryPolicy), deadLetterArn: target.deadLetterArn,
                now: moment, random: random())
            switch step {
            case .delivered:
                finished.append(delivery)
            case .retry(let time):
                delivery.failedAttempts += 1
                delivery.dueTime = time
                delivery.lastError = failure
                retries.append(delivery)
            case .deadLetter(let queueArn, let condition):
                let message = Self.deadLetter(item, target: target, failure: failure!, condition: condition)
                if try await deadLetterQueue(queueArn, admitsFor: delivery.ruleArn) { deadLetters.append((queueArn, message)) }
                finished.append(delivery)
            case .drop(let condition):
                dropped.add(1, ordering: .relaxed)
                logger.warning("Event dropped", metadata: [
                    "eventId": "\(delivery.eventId)", "rule": "\(delivery.ruleArn)", "target": "\(target.id)",
                    "errorCode": "\(failure?.code ?? "")", "exhausted": "\(condition?.rawValue ?? "not retryable")",
                ])
                finished.append(delivery)
            }
        }
        let unsent = try await store.write { [finished, retries, deadLetters] store in
            for delivery in finished { try await store.eventLog.finishDelivery(delivery) }
            for delivery in retries { try await store.eventLog.retryDelivery(delivery) }
            return try await QueueService.send(deadLetters, at: moment, in: store).filter {
                if case .failure = $0 { return true }
                return false
            }.count
        }
        if !deadLetters.isEmpty { queues.signalArrivals(Set(deadLetters.map(\.queueArn))) }
        if unsent > 0 {
            dropped.add(unsent, ordering: .relaxed)
            logger.warning("Dead-letter queue refused events; they are dropped", metadata: ["count": "\(unsent)"])
        }
    }

    static let channel = "deliveries"

    /// A dead-letter queue of another account takes what its policy allows EventBridge
    /// to send it for the rule; what it refuses is dropped, as on AWS, with a log line.
    private func deadLetterQueue(_ queueArn: String, admitsFor ruleArn: String) async throws -> Bool {
        guard TargetDestination(arn: queueArn)?.isLocal(toRule: ruleArn) == false,
              let queue = try await store.read({ try await $0.queues.queue(arn: queueArn) }) else { return true }
        let decision = queue.admitsEventBridge(forRule: ruleArn)
        guard decision == .allowed else {
            dropped.add(1, ordering: .relaxed)
            logger.warning("Dead-letter queue's policy refused an event; it is dropped", metadata: [
                "queue": "\(queueArn)", "rule": "\(ruleArn)", "reason": "\(decision.refusal(of: queue.eventBridgeRequest(forRule: ruleArn)))",
            ])
            return false
        }
        return true
    }

    /// The dead-letter message: the event, with AWS's attributes saying what failed.
    static func deadLetter(
        _ item: ClaimedDelivery, target: Target, failure: DeliveryFailure, condition: DeliveryStep.ExhaustedCondition?
    ) -> OutgoingMessage {
        func string(_ value: String) -> JSONValue {
            .structure(["DataType": JSONValue("String"), "StringValue": JSONValue(value)])
        }
        let attributes = JSONValue.structure([
            "RULE_ARN": string(item.delivery.ruleArn),
            "TARGET_ARN": string(target.arn),
            "ERROR_CODE": string(failure.code),
            "ERROR_MESSAGE": string(failure.message),
            "EXHAUSTED_RETRY_CONDITION": condition.map { string($0.rawValue) },
            "RETRY_ATTEMPTS": .structure(["DataType": JSONValue("Number"), "StringValue": JSONValue(String(item.delivery.failedAttempts))]),
        ])
        return OutgoingMessage(body: item.event.text, messageAttributes: attributes)
    }
}
