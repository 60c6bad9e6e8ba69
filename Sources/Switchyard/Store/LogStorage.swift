/// Log groups, their streams and events, as the logs service sees them.
public protocol LogReader: Sendable {
    func logGroup(arn: String) async throws -> LogGroup?
    /// The caller's log groups, sorted by name.
    func logGroups(owner: Caller) async throws -> [LogGroup]
    func logStream(named name: String, inGroup groupArn: String) async throws -> LogStream?
    /// The group's streams, sorted by name.
    func logStreams(inGroup groupArn: String) async throws -> [LogStream]
    /// Events of the group, in stored order, within the query's bounds.
    func logEvents(inGroup groupArn: String, matching query: LogEventQuery) async throws -> [LogEvent]
}

public protocol LogWriter: LogReader {
    func save(_ group: LogGroup) async throws
    /// Deletes a group with its streams and events.
    func deleteLogGroup(arn: String) async throws
    func save(_ stream: LogStream, inGroup groupArn: String) async throws
    func append(_ events: [LogEvent], inGroup groupArn: String) async throws
}

/// Which events of a group a read wants.
public struct LogEventQuery: Sendable {
    /// Only these streams; all when nil.
    public var streamNames: [String]?
    public var streamNamePrefix: String?
    /// Event timestamps, epoch milliseconds, start inclusive and end exclusive.
    public var startTime: Int64?
    public var endTime: Int64?
    /// Events stored after / before this sequence number.
    public var afterSequence: Int64?
    public var beforeSequence: Int64?
    /// Newest first, to read a stream's tail.
    public var newestFirst = false
    public var limit: Int

    public init(
        streamNames: [String]? = nil, streamNamePrefix: String? = nil, startTime: Int64? = nil, endTime: Int64? = nil,
        afterSequence: Int64? = nil, beforeSequence: Int64? = nil, newestFirst: Bool = false, limit: Int
    ) {
        self.streamNames = streamNames
        self.streamNamePrefix = streamNamePrefix
        self.startTime = startTime
        self.endTime = endTime
        self.afterSequence = afterSequence
        self.beforeSequence = beforeSequence
        self.newestFirst = newestFirst
        self.limit = limit
    }
}
