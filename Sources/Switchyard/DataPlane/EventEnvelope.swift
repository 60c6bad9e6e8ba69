import EventPatterns
import Foundation

/// The event as EventBridge builds it from a PutEvents entry, in AWS's member order:
/// version, id, detail-type, source, account, time, region, resources, detail.
enum EventEnvelope {
    static func text(
        id: String, detailType: String, source: String, caller: Caller, time: Date, resources: [String], detail: JSONValue
    ) -> String {
        JSONValue.structure([
            "version": JSONValue("0"),
            "id": JSONValue(id),
            "detail-type": JSONValue(detailType),
            "source": JSONValue(source),
            "account": JSONValue(caller.account),
            "time": JSONValue(timestamp(time)),
            "region": JSONValue(caller.region),
            "resources": .array(resources.map(JSONValue.init)),
            "detail": detail,
        ]).jsonText
    }

    /// AWS writes event times to the second, in UTC.
    static func timestamp(_ time: Date) -> String {
        time.formatted(.iso8601)
    }
}
