import EventPatterns
import Switchyard

/// The `Switchyard.*` operations: what Switchyard offers beyond AWS's API.
///
/// - `FireRule` `{"Name": rule}` → `{"EventId": id}`: fires a scheduled rule of the
///   caller's default bus now, as its schedule would at this minute, so that a test
///   need not wait for the schedule. The schedule's own firings go on unchanged.
/// - `DescribeReplayProgress` `{"ReplayName": name}` → `{"ReplayName", "State",
///   "StateReason", "EventsReplayed", "EventsInWindow"}`: how far a replay got.
struct SwitchyardAPI: Sendable {
    let scheduler: Scheduler
    let controlPlane: ControlPlane

    func handle(_ operation: String, _ input: JSONValue, caller: Caller) async throws -> JSONValue {
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
        default:
            throw ServiceError(code: "UnknownOperationException", message: "Unknown operation \(operation).")
        }
    }
}
