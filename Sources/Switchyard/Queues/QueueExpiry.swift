public import Foundation
public import Logging

/// Removes messages past their queue's retention period and deduplication ids past
/// SQS's five minutes, in every queue, on a timer. Receives and counts already leave
/// expired messages out; the sweep is what keeps a queue nobody reads — a
/// dead-letter queue — from growing forever.
/// One node sweeps: the one holding the store's singleton role (`SingletonWork`).
public struct QueueExpiry: Sendable {
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

    /// Sweeps every interval, until the task is cancelled.
    public func keepSweeping() async {
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
