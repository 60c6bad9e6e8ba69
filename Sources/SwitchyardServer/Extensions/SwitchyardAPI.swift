import EventPatterns
import Switchyard

/// The `Switchyard.*` operations: what Switchyard offers beyond AWS's API.
///
/// - `FireRule` `{"Name": rule}` → `{"EventId": id}`: fires a scheduled rule of the
///   caller's default bus now, as its schedule would at this minute, so that a test
///   need not wait for the schedule. The schedule's own firings go on unchanged.
struct SwitchyardAPI: Sendable {
    let scheduler: Scheduler

    func handle(_ operation: String, _ input: JSONValue, caller: Caller) async throws -> JSONValue {
        switch operation {
        case "FireRule":
            let eventId = try await scheduler.fire(ruleNamed: input.string("Name"), caller: caller)
            return .structure(["EventId": JSONValue(eventId)])
        default:
            throw ServiceError(code: "UnknownOperationException", message: "Unknown operation \(operation).")
        }
    }
}
