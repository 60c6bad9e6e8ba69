import Foundation

/// The CloudWatch-Logs-compatible subset: log groups, streams, and writing and
/// reading events — what log-group targets need, and what `aws logs` shows.
public struct LogService: Sendable {
    public let store: any Store
    let clock: any WallClock

    public init(store: any Store, clock: any WallClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    static let groupNotFound = ServiceError.resourceNotFound("The specified log group does not exist.")
    static let streamNotFound = ServiceError.resourceNotFound("The specified log stream does not exist.")

    public func createLogGroup(named name: String, caller: Caller) async throws {
        let group = LogGroup(name: name, owner: caller, creationTime: clock.now)
        try await store.write { store in
            guard try await store.logs.logGroup(arn: group.arn) == nil else {
                throw ServiceError.resourceAlreadyExists("The specified log group already exists")
            }
            try await store.logs.save(group)
        }
    }

    public func deleteLogGroup(named name: String, caller: Caller) async throws {
        let arn = LogGroup.arn(name, caller)
        try await store.write { store in
            guard try await store.logs.logGroup(arn: arn) != nil else { throw Self.groupNotFound }
            try await store.logs.deleteLogGroup(arn: arn)
        }
    }

    public func logGroups(namePrefix: String?, caller: Caller) async throws -> [LogGroup] {
        try await store.read { try await $0.logs.logGroups(owner: caller) }.filter { $0.name.hasPrefix(namePrefix ?? "") }
    }

    public func createLogStream(named name: String, inGroup groupArn: String) async throws {
        let stream = LogStream(name: name, creationTime: clock.now)
        try await store.write { store in
            guard try await store.logs.logGroup(arn: groupArn) != nil else { throw Self.groupNotFound }
            guard try await store.logs.logStream(named: name, inGroup: groupArn) == nil else {
                throw ServiceError.resourceAlreadyExists("The specified log stream already exists")
            }
            try await store.logs.save(stream, inGroup: groupArn)
        }
    }

    /// How DescribeLogStreams orders streams.
    public enum StreamOrder: String, Sendable {
        case logStreamName = "LogStreamName"
        case lastEventTime = "LastEventTime"
    }

    /// One page of a group's streams in the order asked for. The token names where
    /// the last page ended in that order, so every page moves on.
    public func describeLogStreams(
        inGroup groupArn: String, namePrefix: String?, orderBy order: StreamOrder, descending: Bool,
        nextToken: String?, limit: Int
    ) async throws -> Page<LogStream> {
        if order == .lastEventTime, namePrefix != nil {
            throw ServiceError(code: "InvalidParameterException", message: "Cannot order by LastEventTime with a logStreamNamePrefix.")
        }
        let streams = try await logStreams(inGroup: groupArn).filter { $0.name.hasPrefix(namePrefix ?? "") }
        let key: (LogStream) -> String = switch order {
        case .logStreamName: \.name
        // The time as 20 digits after shifting it past zero, so that text order is time order.
        case .lastEventTime: { stream in
            let shifted = UInt64(bitPattern: stream.lastEventTimestamp ?? 0) ^ (1 << 63)
            let digits = String(shifted)
            return String(repeating: "0", count: 20 - digits.count) + digits + "/" + stream.name
        }
        }
        // Each stream's key is made once, not once per comparison.
        let keyed = streams.map { (key: key($0), stream: $0) }
            .sorted { descending ? $0.key > $1.key : $0.key < $1.key }
        return try Page(keyed, key: \.key, after: nextToken, limit: limit, descending: descending).map(\.stream)
    }

    public func logStreams(inGroup groupArn: String) async throws -> [LogStream] {
        try await store.read { store in
            guard try await store.logs.logGroup(arn: groupArn) != nil else { throw Self.groupNotFound }
            return try await store.logs.logStreams(inGroup: groupArn)
        }
    }

    /// Events for one stream of one group, as PutLogEvents takes them.
    public struct Batch: Sendable {
        public var groupArn: String
        public var streamName: String
        public var events: [(timestamp: Int64, message: String)]
        /// Makes a missing stream, as EventBridge does for its per-event streams.
        public var createsStream: Bool

        public init(groupArn: String, streamName: String, events: [(timestamp: Int64, message: String)], createsStream: Bool = false) {
            self.groupArn = groupArn
            self.streamName = streamName
            self.events = events
            self.createsStream = createsStream
        }
    }

    /// Appends events to a stream. Within one request they must be in time order, as
    /// CloudWatch Logs requires.
    public func putLogEvents(_ batch: Batch) async throws {
        if let error = try await putLogEvents([batch])[0] { throw error }
    }

    /// Writes several batches in one transaction; each gets nil or the error that
    /// refused it alone.
    public func putLogEvents(_ batches: [Batch]) async throws -> [ServiceError?] {
        let moment = clock.now
        let ingestion = Int64(moment.timeIntervalSince1970 * 1000)
        return try await store.write { store in
            var errors: [ServiceError?] = []
            for batch in batches { errors.append(try await Self.write(batch, ingestion: ingestion, at: moment, in: store)) }
            return errors
        }
    }

    private static func write(_ batch: Batch, ingestion: Int64, at moment: Date, in store: any StoreWriter) async throws -> ServiceError? {
        let events = batch.events
        guard zip(events, events.dropFirst()).allSatisfy({ $0.timestamp <= $1.timestamp }) else {
            return ServiceError(
                code: "InvalidParameterException", message: "Log events in a single PutLogEvents request must be in chronological order.")
        }
        guard try await store.logs.logGroup(arn: batch.groupArn) != nil else { return groupNotFound }
        var stream = try await store.logs.logStream(named: batch.streamName, inGroup: batch.groupArn)
        if stream == nil && batch.createsStream { stream = LogStream(name: batch.streamName, creationTime: moment) }
        guard var stream else { return streamNotFound }
        guard let first = events.first, let last = events.last else { return nil }
        stream.firstEventTimestamp = min(stream.firstEventTimestamp ?? first.timestamp, first.timestamp)
        stream.lastEventTimestamp = max(stream.lastEventTimestamp ?? last.timestamp, last.timestamp)
        stream.lastIngestionTime = ingestion
        try await store.logs.save(stream, inGroup: batch.groupArn)
        try await store.logs.append(
            events.map { LogEvent(streamName: batch.streamName, timestamp: $0.timestamp, ingestionTime: ingestion, message: $0.message) },
            inGroup: batch.groupArn)
        return nil
    }

    public func logEvents(inGroup groupArn: String, matching query: LogEventQuery) async throws -> [LogEvent] {
        try await store.read { store in
            guard try await store.logs.logGroup(arn: groupArn) != nil else { throw Self.groupNotFound }
            return try await store.logs.logEvents(inGroup: groupArn, matching: query)
        }
    }
}
