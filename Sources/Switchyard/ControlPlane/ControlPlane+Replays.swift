public import Foundation

extension ControlPlane {
    /// AWS's limit on replays at work per archive.
    static let maximumActiveReplaysPerArchive = 10

    public struct ReplayRequest: Sendable {
        public var description: String?
        public var archiveArn: String
        public var eventStartTime: Date
        public var eventEndTime: Date
        public var destinationArn: String
        public var filterArns: [String]

        public init(
            description: String? = nil, archiveArn: String, eventStartTime: Date, eventEndTime: Date, destinationArn: String,
            filterArns: [String] = []
        ) {
            self.description = description
            self.archiveArn = archiveArn
            self.eventStartTime = eventStartTime
            self.eventEndTime = eventEndTime
            self.destinationArn = destinationArn
            self.filterArns = filterArns
        }
    }

    /// Starts a replay of an archive into the bus it archives; the `Replayer` does
    /// the work. Checked as AWS checks it, in AWS's order.
    public func startReplay(_ name: String, _ request: ReplayRequest, caller: Caller) async throws -> Replay {
        guard let (resource, owner) = ResourceName.parse(request.destinationArn), case .eventBus(let busName) = resource else {
            throw ServiceError.validation("Parameter Destination.Arn is not valid. Reason: Must contain an event bus ARN.")
        }
        try await provisionDefaultBus(for: caller)
        let moment = clock.now
        let replay = try await store.write { store in
            guard owner == caller, try await store.resources.eventBus(named: busName, owner: caller) != nil else {
                throw ServiceError.eventBusNotFound(busName)
            }
            let archiveName = request.archiveArn.split(separator: "/", maxSplits: 1).last.map(String.init) ?? request.archiveArn
            guard request.archiveArn == Archive.arn(archiveName, caller),
                  let archive = try await store.archives.archive(named: archiveName, owner: caller) else {
                throw ServiceError.validation("Parameter EventSourceArn is not valid. Reason: Archive \(archiveName) does not exist.")
            }
            guard archive.eventSourceArn == request.destinationArn else {
                throw ServiceError.validation("Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.")
            }
            guard request.eventStartTime < request.eventEndTime else {
                throw ServiceError.validation("Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.")
            }
            guard try await store.archives.replay(named: name, owner: caller) == nil else {
                throw ServiceError.resourceAlreadyExists("Replay \(name) already exists.")
            }
            let active = try await store.archives.replays(owner: caller).filter {
                $0.archiveArn == archive.arn && ($0.state == .starting || $0.state == .running)
            }
            guard active.count < Self.maximumActiveReplaysPerArchive else { throw ServiceError.limitExceeded }
            var replay = Replay(
                name: name, owner: caller, archiveArn: archive.arn, destinationArn: request.destinationArn,
                filterArns: request.filterArns, eventStartTime: request.eventStartTime, eventEndTime: request.eventEndTime,
                replayStartTime: moment)
            replay.description = request.description
            try await store.archives.save(replay)
            return replay
        }
        store.changes.signal(Replayer.channel)
        return replay
    }

    public func describeReplay(_ name: String, caller: Caller) async throws -> Replay {
        try await store.read { try await Self.requireReplay(name, caller, in: $0.archives) }
    }

    /// AWS filters by one of the prefix, the state and the archive at a time.
    public func listReplays(
        namePrefix: String?, state: Replay.State?, archiveArn: String?, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<Replay> {
        guard [namePrefix as Any?, state, archiveArn].compactMap({ $0 }).count <= 1 else {
            throw ServiceError.validation(
                "At most one filter is allowed for ListReplays. Use either : State, EventSourceArn, or NamePrefix.")
        }
        let replays = try await store.read { try await $0.archives.replays(owner: caller) }.filter { replay in
            replay.name.hasPrefix(namePrefix ?? "") && (state == nil || replay.state == state)
                && (archiveArn == nil || replay.archiveArn == archiveArn)
        }
        return try Page(replays, key: \.name, after: nextToken, limit: limit)
    }

    /// Asks a replay at work to stop; the `Replayer` stops it before its next batch.
    public func cancelReplay(_ name: String, caller: Caller) async throws -> Replay {
        let replay = try await store.write { store in
            var replay = try await Self.requireReplay(name, caller, in: store.archives)
            guard replay.state == .starting || replay.state == .running else {
                throw ServiceError(code: "IllegalStatusException", message: "Replay \(name) is not in a valid state for this operation.")
            }
            replay.state = .cancelling
            try await store.archives.save(replay)
            return replay
        }
        store.changes.signal(Replayer.channel)
        return replay
    }

    /// How far a replay got: the events of its window replayed so far, of all of them.
    public struct ReplayProgress: Sendable {
        public var replay: Replay
        public var eventsReplayed: Int
        public var eventsInWindow: Int
    }

    /// A replay's progress (a Switchyard extension: AWS shows only the time of the
    /// last event replayed).
    public func replayProgress(_ name: String, caller: Caller) async throws -> ReplayProgress {
        try await store.read { store in
            let replay = try await Self.requireReplay(name, caller, in: store.archives)
            let window = replay.eventStartTime...replay.eventEndTime
            let total = try await store.archives.archivedEventCount(inArchive: replay.archiveArn, receivedIn: window, through: .max)
            let replayed = replay.state == .completed
                ? total
                : try await store.archives.archivedEventCount(inArchive: replay.archiveArn, receivedIn: window, through: replay.cursor)
            return ReplayProgress(replay: replay, eventsReplayed: replayed, eventsInWindow: total)
        }
    }

    static func requireReplay(_ name: String, _ caller: Caller, in store: any ArchiveReader) async throws -> Replay {
        guard let replay = try await store.replay(named: name, owner: caller) else {
            throw ServiceError.resourceNotFound("Replay \(name) does not exist.")
        }
        return replay
    }
}
