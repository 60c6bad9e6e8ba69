import EventPatterns
import Foundation
import Switchyard

/// The `Switchyard.*` operations: what Switchyard offers beyond AWS's API.
///
/// - `FireRule` `{"Name": rule}` → `{"EventId": id}`: fires a scheduled rule of the
///   caller's default bus now, as its schedule would at this minute, so that a test
///   need not wait for the schedule. The schedule's own firings go on unchanged.
/// - `DescribeReplayProgress` `{"ReplayName": name}` → `{"ReplayName", "State",
///   "StateReason", "EventsReplayed", "EventsInWindow"}`: how far a replay got.
/// - `Backtest` `{"ArchiveName", "EventPattern"?, "RuleNames"?, "StartTime"?, "EndTime"?,
///   "SampleSize"?, "ExplainEventIds"?}` → `{"EventsScanned", "Results": [{"Name",
///   "MatchedCount", "Samples"}], "Explanations": [{"EventId", "Name", "Matched",
///   "Reasons"}]}`: a pattern and rules run over an archive, delivering nothing.
/// - `PutServiceEvents` `{"Events": [event JSON text], "EventBusName"?}` →
///   `{"FailedEntryCount", "Entries": [{"EventId"} or {"ErrorCode", "ErrorMessage"}]}`:
///   whole events as AWS services send them (`aws.*` sources, which PutEvents
///   refuses), each onto the default bus of the caller's account in the event's
///   Region, for rules to match as they would on AWS.
/// - `SetHealthCheckStatus` `{"HealthCheck": Route 53 health check ARN, "Status":
///   "HEALTHY" | "UNHEALTHY"}` → `{}`: stands in for Route 53, which is not here:
///   global endpoints whose primary has this health check route to their secondary
///   Region while it is `UNHEALTHY`. A health check nobody set is healthy.
struct SwitchyardAPI: Sendable {
    let scheduler: Scheduler
    let controlPlane: ControlPlane
    let dataPlane: DataPlane

    func handle(_ operation: String, _ input: JSONValue, caller: Caller, lineage: Lineage) async throws -> JSONValue {
        switch operation {
        case "FireRule":
            let eventId = try await scheduler.fire(ruleNamed: input.string("Name"), caller: caller)
            return .structure(["EventId": JSONValue(eventId)])
        case "DescribeReplayProgress":
            let progress = try await controlPlane.replayProgress(input.string("ReplayName"), caller: caller)
            return .structure([
                "ReplayName": JSONValue(progress.replay.name),
                "State": JSONValue(progress.replay.state.rawValue),
                "StateReason": progress.replay.stateReason.map(JSONValue.init),
                "EventsReplayed": JSONValue(progress.eventsReplayed),
                "EventsInWindow": JSONValue(progress.eventsInWindow),
            ])
        case "Backtest":
            let outcome = try await controlPlane.backtest(try input.backtestRequest(), caller: caller)
            return .structure([
                "EventsScanned": JSONValue(outcome.eventsScanned),
                "Results": .array(outcome.matches.map { matches in
                    .structure([
                        "Name": JSONValue(matches.name), "MatchedCount": JSONValue(matches.matchedCount),
                        "Samples": .array(matches.samples.map(JSONValue.init)),
                    ])
                }),
                "Explanations": .array(outcome.explanations.map { explanation in
                    .structure([
                        "EventId": JSONValue(explanation.eventId), "Name": JSONValue(explanation.name),
                        "Matched": .bool(explanation.matched), "Reasons": .array(explanation.reasons.map(JSONValue.init)),
                    ])
                }),
            ])
        case "PutServiceEvents":
            let results = try await dataPlane.putServiceEvents(
                (input["Events"]?.arrayValue ?? []).compactMap(\.stringValue), busName: input["EventBusName"]?.stringValue,
                caller: caller, lineage: lineage)
            return results.json
        case "SetHealthCheckStatus":
            try await controlPlane.setHealthCheckStatus(input.string("HealthCheck"), isHealthy: input.string("Status") == "HEALTHY")
            return .object([])
        default:
            throw ServiceError(code: "UnknownOperationException", message: "Unknown operation \(operation).")
        }
    }
}

extension JSONValue {
    func backtestRequest() throws(ServiceError) -> Backtest.Request {
        let start = self["StartTime"].map { _ in date("StartTime") } ?? .distantPast
        let end = self["EndTime"].map { _ in date("EndTime") } ?? .distantFuture
        guard start <= end else { throw .validation("EndTime must not be before StartTime.") }
        return Backtest.Request(
            archiveName: string("ArchiveName"), eventPattern: self["EventPattern"]?.stringValue,
            ruleNames: (self["RuleNames"]?.arrayValue ?? []).compactMap(\.stringValue),
            window: start...end, sampleSize: self["SampleSize"]?.intValue ?? 5,
            explainEventIds: (self["ExplainEventIds"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}
