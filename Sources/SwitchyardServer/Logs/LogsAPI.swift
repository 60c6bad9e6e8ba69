import EventPatterns
import Foundation
import Switchyard

/// The `Logs_20140328.*` operations of the logs service, over AWS JSON 1.1.
struct LogsAPI: Sendable {
    let logs: LogService

    func handle(_ operation: String, _ input: JSONValue, request: ServiceRequest) async throws -> JSONValue {
        let caller = request.caller
        /// The group a request names by `logGroupName` or `logGroupIdentifier` (a name or an ARN).
        func groupArn() throws -> String {
            let name = input["logGroupName"]?.stringValue ?? input["logGroupIdentifier"]?.stringValue
            guard let name else {
                throw ServiceError(code: "InvalidParameterException", message: "Either logGroupName or logGroupIdentifier must be provided.")
            }
            guard let (groupName, owner) = LogGroup.named(byArn: name) else { return LogGroup.arn(name, caller) }
            // A group of another account is as good as missing: accounts stay apart.
            guard owner.account == caller.account else {
                throw ServiceError.resourceNotFound("The specified log group does not exist.")
            }
            return LogGroup.arn(groupName, owner)
        }

        switch operation {
        case "CreateLogGroup":
            try await logs.createLogGroup(named: input.string("logGroupName"), caller: caller)
            return .object([])
        case "DeleteLogGroup":
            try await logs.deleteLogGroup(named: input.string("logGroupName"), caller: caller)
            return .object([])
        case "DescribeLogGroups":
            let groups = try await logs.logGroups(namePrefix: input["logGroupNamePrefix"]?.stringValue, caller: caller)
            let page = try Page(groups, key: \.name, after: input["nextToken"]?.stringValue, limit: input["limit"]?.intValue ?? 50)
            return .structure([
                "logGroups": .array(page.items.map { group in
                    .structure([
                        "logGroupName": JSONValue(group.name),
                        "creationTime": Self.milliseconds(group.creationTime),
                        "metricFilterCount": JSONValue(0),
                        "arn": JSONValue(group.arn + ":*"),
                        "storedBytes": JSONValue(0),
                        "logGroupClass": JSONValue("STANDARD"),
                        "logGroupArn": JSONValue(group.arn),
                    ])
                }),
                "nextToken": page.nextToken.map(JSONValue.init),
            ])
        case "CreateLogStream":
            try await logs.createLogStream(named: input.string("logStreamName"), inGroup: try groupArn())
            return .object([])
        case "DescribeLogStreams":
            let arn = try groupArn()
            guard let order = LogService.StreamOrder(rawValue: input["orderBy"]?.stringValue ?? "LogStreamName") else {
                throw ServiceError(code: "InvalidParameterException", message: "Unknown orderBy.")
            }
            let page = try await logs.describeLogStreams(
                inGroup: arn, namePrefix: input["logStreamNamePrefix"]?.stringValue, orderBy: order,
                descending: input["descending"]?.boolValue ?? false, nextToken: input["nextToken"]?.stringValue,
                limit: input["limit"]?.intValue ?? 50)
            return .structure([
                "logStreams": .array(page.items.map { stream in
                    .structure([
                        "logStreamName": JSONValue(stream.name),
                        "creationTime": Self.milliseconds(stream.creationTime),
                        "firstEventTimestamp": stream.firstEventTimestamp.map { JSONValue(Int($0)) },
                        "lastEventTimestamp": stream.lastEventTimestamp.map { JSONValue(Int($0)) },
                        "lastIngestionTime": stream.lastIngestionTime.map { JSONValue(Int($0)) },
                        "arn": JSONValue("\(arn):log-stream:\(stream.name)"),
                        "storedBytes": JSONValue(0),
                    ])
                }),
                "nextToken": page.nextToken.map(JSONValue.init),
            ])
        case "PutLogEvents":
            let events = (input["logEvents"]?.arrayValue ?? []).map { event in
                (timestamp: Int64(event["timestamp"]?.intValue ?? 0), message: event["message"]?.stringValue ?? "")
            }
            try await logs.putLogEvents(LogService.Batch(groupArn: try groupArn(), streamName: input.string("logStreamName"), events: events))
            return .structure(["nextSequenceToken": JSONValue(UUID().uuidString)])
        case "GetLogEvents":
            return try await getLogEvents(input, groupArn: try groupArn())
        case "FilterLogEvents":
            return try await filterLogEvents(input, groupArn: try groupArn())
        default:
            throw ServiceError(code: "UnsupportedOperation", message: "Switchyard does not support \(operation) yet.")
        }
    }

    /// One stream's events. Tokens are `f/SEQUENCE` (read on after it) and
    /// `b/SEQUENCE` (read back before it); with no token the read starts at the head
    /// or, by default, ends at the tail.
    func getLogEvents(_ input: JSONValue, groupArn: String) async throws -> JSONValue {
        let token = input["nextToken"]?.stringValue
        var query = LogEventQuery(
            streamNames: [input.string("logStreamName")], startTime: input.int64("startTime"), endTime: input.int64("endTime"),
            limit: input["limit"]?.intValue ?? 10_000)
        if let token {
            // Tokens carry stored sequence numbers, which start at 1; anything else was not issued here.
            guard let sequence = Int64(token.dropFirst(2)), (0..<Int64.max).contains(sequence),
                  token.hasPrefix("f/") || token.hasPrefix("b/") else {
                throw ServiceError(code: "InvalidParameterException", message: "The specified nextToken is invalid.")
            }
            if token.hasPrefix("f/") { query.afterSequence = sequence } else { query.beforeSequence = sequence }
            query.newestFirst = token.hasPrefix("b/")
        } else {
            query.newestFirst = input["startFromHead"]?.boolValue != true
        }
        let events = try await logs.logEvents(inGroup: groupArn, matching: query).sorted { $0.sequence < $1.sequence }
        let forward = events.last?.sequence ?? query.afterSequence ?? query.beforeSequence.map { $0 - 1 } ?? 0
        let backward = events.first?.sequence ?? query.beforeSequence ?? (query.afterSequence ?? 0) + 1
        return .structure([
            "events": .array(events.map { event in
                .structure([
                    "timestamp": JSONValue(Int(event.timestamp)), "message": JSONValue(event.message),
                    "ingestionTime": JSONValue(Int(event.ingestionTime)),
                ])
            }),
            "nextForwardToken": JSONValue("f/\(forward)"),
            "nextBackwardToken": JSONValue("b/\(backward)"),
        ])
    }

    /// Events of a group's streams that match the filter pattern, in stored order;
    /// `nextToken` continues after the last one returned.
    func filterLogEvents(_ input: JSONValue, groupArn: String) async throws -> JSONValue {
        let pattern = FilterPattern(input["filterPattern"]?.stringValue)
        let limit = input["limit"]?.intValue ?? 10_000
        var query = LogEventQuery(
            streamNames: input["logStreamNames"]?.arrayValue?.compactMap(\.stringValue),
            streamNamePrefix: input["logStreamNamePrefix"]?.stringValue,
            startTime: input.int64("startTime"), endTime: input.int64("endTime"),
            afterSequence: input["nextToken"]?.stringValue.flatMap { Int64($0) }, limit: 1_000)
        var found: [LogEvent] = []
        while found.count < limit {
            let batch = try await logs.logEvents(inGroup: groupArn, matching: query)
            found += batch.filter { pattern.matches($0.message) }.prefix(limit - found.count)
            guard batch.count == query.limit, let last = batch.last else { break }
            query.afterSequence = last.sequence
        }
        return .structure([
            "events": .array(found.map { event in
                .structure([
                    "logStreamName": JSONValue(event.streamName), "timestamp": JSONValue(Int(event.timestamp)),
                    "message": JSONValue(event.message), "ingestionTime": JSONValue(Int(event.ingestionTime)),
                    "eventId": JSONValue(String(event.sequence)),
                ])
            }),
            "searchedLogStreams": .array([]),
            "nextToken": found.count == limit ? found.last.map { JSONValue(String($0.sequence)) } : nil,
        ])
    }

    static func milliseconds(_ date: Date) -> JSONValue {
        JSONValue(Int(date.timeIntervalSince1970 * 1000))
    }
}

extension JSONValue {
    func int64(_ key: String) -> Int64? {
        self[key]?.intValue.map(Int64.init)
    }
}
