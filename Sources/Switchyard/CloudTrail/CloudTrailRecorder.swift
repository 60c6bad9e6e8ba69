import EventPatterns
import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// CloudTrail for this server's own APIs. The API hands over each call's record and
/// answers without waiting; the recorder commits what gathered meanwhile in one
/// transaction: management calls into event history, and each call a logging trail
/// picks as an "AWS API Call via CloudTrail" event on the default bus of its account
/// and Region, matched and owed to its targets like any accepted event. The trails
/// that picked a call get it in their log files.
///
/// A call is answered before its record is committed, as CloudTrail records calls
/// after they happen: a process killed in between loses the records of the calls
/// it was answering, never a call's own effect.
public final class CloudTrailRecorder: Service, Sendable {
    public struct Configuration: Sendable {
        /// How often log files are written.
        public var logFileInterval: Duration = .seconds(5)

        public init() {}
    }

    /// EventBridge does not deliver API-call events over 256 KB.
    static let maximumEventSize = 262_144

    let store: any Store
    let dataPlane: DataPlane
    let logFiles: TrailLogFiles?
    let configuration: Configuration
    let logger: Logger
    let clock: any WallClock
    private let pending = Mutex<[CloudTrailRecord]>([])
    private let doorbell = InProcessChangeFeed()
    /// The trails that log, as the last batch found them.
    private let loggingTrails = Mutex<[Trail]>([])

    public init(
        store: any Store, dataPlane: DataPlane, logFiles: TrailLogFiles?, configuration: Configuration = .init(),
        logger: Logger, clock: any WallClock = SystemClock()
    ) {
        self.store = store
        self.dataPlane = dataPlane
        self.logFiles = logFiles
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
    }

    /// Takes a call's record; returns at once.
    public func record(_ record: CloudTrailRecord) {
        pending.withLock { $0.append(record) }
        doorbell.signal("records")
    }

    /// Whether a trail could pick data events of calls made in `caller`'s account and
    /// Region: the API builds a data call's record only then, so that PutEvents and
    /// SendMessage pay nothing for CloudTrail while no trail asks for them.
    public func wantsDataEvents(in caller: Caller) -> Bool {
        loggingTrails.withLock { trails in
            trails.contains { $0.covers(caller) && $0.selectors.advancedEventSelectors != nil }
        }
    }

    public func run() async throws {
        let clock = clock
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await cancelWhenGracefulShutdown {
                    while !Task.isCancelled {
                        try? await clock.sleep(for: self.configuration.logFileInterval)
                        await self.writeLogFiles()
                    }
                }
            }
            group.addTask { await cancelWhenGracefulShutdown { await self.keepRecording() } }
            await group.waitForAll()
        }
        // What the last calls before the stop left.
        try? await recordPending()
        await writeLogFiles()
    }

    func keepRecording() async {
        while !Task.isCancelled {
            let generation = doorbell.generation(of: "records")
            do {
                try await recordPending()
            } catch {
                logger.error("Recording API calls failed", metadata: ["error": "\(error)"])
            }
            // Trails change through other nodes too: they are read again each second.
            await doorbell.wait(on: "records", after: generation, upTo: .seconds(1), clock: clock)
        }
    }

    /// Commits the records gathered so far; with none, reads the logging trails again.
    public func recordPending() async throws {
        let records = pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
        let trails = try await store.read { try await $0.trails.loggingTrails() }
        loggingTrails.withLock { $0 = trails }
        guard !records.isEmpty else { return }
        var accepted: [DataPlane.AcceptedEvent] = []
        for record in records {
            let picking = trails.filter { $0.covers(record.owner) && $0.selectors.selects(record) }
            guard !picking.isEmpty else { continue }
            for trail in picking { logFiles?.append(record, for: trail) }
            if let event = try event(for: record) { accepted.append(event) }
        }
        let history = records.filter(\.isManagement)
        let owing = accepted.filter { !$0.matchedRuleArns.isEmpty }
        let moment = clock.now
        let (deliveries, queueArns) = try await store.write { store in
            if !history.isEmpty { try await store.trails.appendHistory(history) }
            return owing.isEmpty ? (0, []) : try await DataPlane.deliver(owing, at: moment, in: store)
        }
        dataPlane.announce(deliveries: deliveries, queueArns: queueArns)
    }

    /// The event EventBridge gets for a call; nil when it is over 256 KB.
    func event(for record: CloudTrailRecord) throws -> DataPlane.AcceptedEvent? {
        guard record.text.utf8.count < Self.maximumEventSize else {
            logger.notice("An API call's record is over 256 KB: no event", metadata: ["eventID": "\(record.eventId)"])
            return nil
        }
        return try dataPlane.serviceEvent(
            source: CloudTrailEvents.source(forEventSource: record.eventSource), detailType: CloudTrailEvents.apiCall,
            detail: try JSONParser.parse(record.text), owner: record.owner, time: record.eventTime, lineage: record.lineage)
    }

    /// Writes the log files that gathered, and notes the delivery on their trails.
    public func writeLogFiles() async {
        guard let logFiles else { return }
        do {
            let moment = clock.now
            let delivered = try logFiles.flush(at: moment)
            guard !delivered.isEmpty else { return }
            try await store.write { store in
                for trail in try await store.trails.loggingTrails() where delivered.contains(trail.arn) {
                    var noted = trail
                    noted.latestDeliveryTime = moment
                    try await store.trails.save(noted)
                }
            }
        } catch {
            logger.error("Writing CloudTrail log files failed", metadata: ["error": "\(error)"])
        }
    }
}
