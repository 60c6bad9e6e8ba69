import Foundation
public import Logging

/// Removes what outlived its retention, on a timer: messages past their queue's
/// retention period, deduplication ids past SQS's five minutes, and archived events
/// past their archive's `RetentionDays`. Receives and counts already leave expired
/// messages out; the sweep is what keeps a queue nobody reads — a dead-letter
/// queue — and an archive from growing forever. CloudTrail's event history keeps
/// calls for 90 days.
/// One node sweeps: the one holding the store's singleton role (`SingletonWork`).
public struct Retention: Sendable {
    public struct Configuration: Sendable {
        /// How often everything is swept.
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

    /// One pass over every queue, archive and the event history.
    public func sweep() async throws {
        let moment = clock.now
        try await store.write { store in
            try await store.queues.expireMessages(at: moment, deduplicatedSince: moment.addingTimeInterval(-Self.deduplicationInterval))
            try await store.archives.purgeExpiredEvents(at: moment)
            try await store.trails.purgeHistory(before: moment.addingTimeInterval(-ControlPlane.historyRetention))
        }
    }
}
