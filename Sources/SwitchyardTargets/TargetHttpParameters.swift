import EventPatterns
import EventTransforms
import Switchyard

/// A target's `HttpParameters` for one invocation, as EventBridge applies them to
/// API destinations and API Gateway: a value starting with `$.` is read from the
/// event; path values fill the endpoint's `*` wildcards in order.
struct TargetHttpParameters {
    var pathParameterValues: [String]
    /// Header names lowercased.
    var headers: [(String, String)]
    var query: [(String, String)]

    init(_ invocation: TargetInvocation) {
        let event = try? JSONParser.parse(invocation.event.text)
        func value(_ given: JSONValue) -> String {
            guard let text = given.stringValue else { return given.jsonText }
            guard text.hasPrefix("$."), let event, let path = try? JSONPath(text), let found = path.evaluate(in: event) else {
                return text
            }
            return found.stringValue ?? found.jsonText
        }
        let http = invocation.target.definition["HttpParameters"]
        pathParameterValues = (http?["PathParameterValues"]?.arrayValue ?? []).map(value)
        headers = (http?["HeaderParameters"]?.members ?? []).map { ($0.key.lowercased(), value($0.value)) }
        query = (http?["QueryStringParameters"]?.members ?? []).map { ($0.key, value($0.value)) }
    }

    /// `template` with its `*` wildcards filled, each value escaped as one path segment.
    func filling(_ template: String) -> String {
        var path = template
        for pathValue in pathParameterValues {
            guard let wildcard = path.range(of: "*") else { break }
            path.replaceSubrange(wildcard, with: pathValue.percentEncoded())
        }
        return path
    }
}
