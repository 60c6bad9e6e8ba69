import Foundation
public import Logging
import EventPatterns

/// Does the work of replays, a batch at a time: each batch's events are matched
/// against the destination bus's rules (only the rules the replay names, when it
/// names any) and committed with what they owe, together with the replay's
/// progress, so a restart goes on where the last commit left off and nothing is
/// replayed twice. Only the node holding the store's singleton role replays.
public struct Replayer: Sendable {
    /// Signalled when a replay starts or is cancelled.
    static let channel = "replays"

    public struct Configuration: Sendable {
        /// Archived events replayed per transaction.
        public var batchSize = 100

        public init() {}
    }

    let dataPlane: DataPlane
    let configuration: Configuration
    let logger: Logger
    var store: any Store { dataPlane.store }
    var clock: any WallClock { dataPlane.clock }

    /// Replayed events are matched by the data plane's machines, and committed and
    /// announced as its accepted events are.
    public init(dataPlane: DataPlane, configuration: Configuration = .init(), logger: Logger) {
        self.dataPlane = dataPlane
        self.configuration = configuration
        self.logger = logger
    }

    /// Replays until the task is cancelled, waiting for a replay when none is at work.
    public func keepReplaying() async {
        while !Task.isCancelled {
            let generation = store.changes.generation(of: Self.channel)
            var worked = false
            do {
                worked = try await replayNextBatch()
            } catch {
                logger.error("Replaying failed", metadata: ["error": "\(error)"])
            }
            if !worked { await store.changes.wait(on: Self.channel, after: generation, upTo: .seconds(1), clock: clock) }
        }
    }

    /// One step of the replay started first: stops it when it is being cancelled,
    /// or replays its next batch. Returns whether a replay was at work.
    @discardableResult
    public func replayNextBatch() async throws -> Bool {
        let moment = clock.now
        let (batchSize, machines) = (configuration.batchSize, dataPlane.machines)
        let outcome = try await store.write { store -> (worked: Bool, deliveries: Int, queueArns: Set<String>) in
            guard var replay = try await store.archives.activeReplays(limit: 1).first else { return (false, 0, []) }
            var (deliveries, queueArns) = (0, Set<String>())
            let archiveName = String(replay.archiveArn.split(separator: "/").last ?? "")
            if replay.state == .cancelling {
                replay.state = .cancelled
                replay.replayEndTime = moment
            } else if try await store.archives.archive(named: archiveName, owner: replay.owner) == nil {
                replay.state = .failed
                replay.stateReason = "Archive \(archiveName) does not exist."
                replay.replayEndTime = moment
            } else {
                let events = try await store.archives.archivedEvents(
                    inArchive: replay.archiveArn, receivedIn: replay.eventStartTime...replay.eventEndTime,
                    after: replay.cursor, limit: batchSize)
                let accepted = try events.map { try Self.replayed($0, by: replay, machines: machines, at: moment) }
                (deliveries, queueArns) = try await DataPlane.deliver(accepted, at: moment, in: store)
                if let last = events.last {
                    replay.cursor = last.sequence
                    replay.eventLastReplayedTime = last.receivedTime
                }
                replay.state = events.count < batchSize ? .completed : .running
                if replay.state == .completed { replay.replayEndTime = moment }
            }
            try await store.archives.save(replay)
            return (true, deliveries, queueArns)
        }
        dataPlane.announce(deliveries: outcome.deliveries, queueArns: outcome.queueArns)
        return outcome.worked
    }

    /// An archived event as the replay sends it: its envelope gains `replay-name`
    /// and it goes to the destination's rules that match it and that the replay names.
    static func replayed(
        _ archived: ArchivedEvent, by replay: Replay, machines: RuleMachines, at moment: Date
    ) throws -> DataPlane.AcceptedEvent {
        guard case .object(var members) = try JSONParser.parse(archived.text) else {
            throw ServiceError.internalFailure("Archived event \(archived.eventId) is not a JSON object.")
        }
        members.removeAll { $0.key == DataPlane.replayNameField }
        // Where AWS puts it: after `region`, before `resources`.
        let position = members.firstIndex { $0.key == "region" }.map { $0 + 1 } ?? members.endIndex
        members.insert(.init(key: DataPlane.replayNameField, value: .string(replay.name)), at: position)
        // The envelope keeps the archived event's id; the store knows this sending by an id of its own.
        let event = Event(
            id: UUID().uuidString.lowercased(), eventBusArn: replay.destinationArn, text: JSONValue.object(members).jsonText,
            ingestionTime: moment)
        var matched: [String] = []
        if let machine = machines.machine(forBus: replay.destinationArn),
           let (resource, owner) = ResourceName.parse(replay.destinationArn), case .eventBus(let busName) = resource {
            matched = try machine.matches(event.text.utf8, validation: .full).map { ResourceName.rule($0, onBus: busName, owner) }
        }
        if !replay.filterArns.isEmpty { matched.removeAll { !replay.filterArns.contains($0) } }
        return DataPlane.AcceptedEvent(event: event, matchedRuleArns: matched)
    }
}
