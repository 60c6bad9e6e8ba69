public import Foundation
public import Logging
public import ServiceLifecycle

/// Removes messages past their queue's retention period and deduplication ids past
/// SQS's five minutes, in every queue, on a timer. Receives and counts already leave
/// expired messages out; the sweep is what keeps a queue nobody reads — a
/// dead-letter queue — from growing forever.
/// One node sweeps: the one holding the store's singleton role.
public struct QueueExpiry: Service {
    public struct Configuration: Sendable {
        /// How often every queue is swept.
        public var interval: Duration = .seconds(60)

        public init() {}
    }

    /// How long SQS remembers a FIFO deduplication id.
    static let deduplicationInterval: TimeInterval = 300

    let store: any Store
    let configuration: Configuration
    let logger: Logger
    let clock: any WallClock

    public init(
        store: any Store, configuration: Configuration = .init(), logger: Logger, clock: any WallClock = SystemClock()
    ) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await store.runAsSingleton { await sweepEveryInterval() }
        }
    }

    private func sweepEveryInterval() async {
        while !Task.isCancelled {
            do {
                try await sweep()
            } catch {
                logger.error("Queue sweep failed", metadata: ["error": "\(error)"])
            }
            try? await clock.sleep(for: configuration.interval)
        }
    }

    /// One pass over every queue.
    public func sweep() async throws {
        let moment = clock.now
        try await store.write { store in
            try await store.queues.expireMessages(at: moment, deduplicatedSince: moment.addingTimeInterval(-Self.deduplicationInterval))
        }
    }
}
