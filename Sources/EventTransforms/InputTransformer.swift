import EventPatterns

/// A target's `InputTransformer`: values picked from the event by `InputPathsMap`,
/// filled into `InputTemplate` with AWS's quoting rules.
public struct InputTransformer: Sendable {
    public let inputPathsMap: [String: JSONPath]
    let template: InputTemplate

    /// Names EventBridge fills in itself; a paths map cannot redefine them.
    public static let predefinedVariables: Set<String> = [
        "aws.events.rule-arn", "aws.events.rule-name", "aws.events.event.ingestion-time",
        "aws.events.event", "aws.events.event.json",
    ]

    public init(inputPathsMap: [String: String], inputTemplate: String) throws(InvalidJSONPath) {
        var paths: [String: JSONPath] = [:]
        for (name, path) in inputPathsMap {
            paths[name] = try JSONPath(path)
        }
        self.inputPathsMap = paths
        template = InputTemplate(inputTemplate)
    }

    /// The template filled in for one matched event. A JSON template whose result is
    /// not JSON fails, and AWS then delivers nothing.
    public func render(_ event: MatchedEvent) throws(TransformFailure) -> String {
        let document = try event.document()
        var output = ""
        for segment in template.segments {
            switch segment {
            case .text(let text):
                output += text
            case .placeholder(let name, let quoted):
                output += rendering(String(name), quoted: quoted, document: document, event: event)
            }
        }
        if template.isJSON, (try? JSONParser.parse(output)) == nil {
            throw .templateResultNotJSON
        }
        return output
    }

    private func rendering(_ name: String, quoted: Bool, document: JSONValue, event: MatchedEvent) -> String {
        let value: JSONValue?
        switch name {
        case "aws.events.rule-arn": value = .string(event.ruleArn)
        case "aws.events.rule-name": value = .string(event.ruleName)
        case "aws.events.event.ingestion-time": value = .string(event.ingestionTime)
        case "aws.events.event": return Self.envelopeWithoutDetail(document).jsonText
        case "aws.events.event.json": return event.text
        default:
            guard let path = inputPathsMap[name] else { return "<\(name)>" }
            value = path.evaluate(in: document)
        }
        guard let value else { return template.isJSON && !quoted ? "null" : "" }
        guard template.isJSON else { return Self.plainText(value) }
        if quoted, case .string(let text) = value {
            return String(JSONValue.string(text).jsonText.dropFirst().dropLast())
        }
        return value.jsonText
    }

    /// How a value reads in a plain-text template: strings bare, and objects and lists
    /// written without any quotes, as `{key:value,…}` and `[a,b]`.
    static func plainText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number.text
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array(let elements): "[" + elements.map(plainText).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { "\($0.key):\(plainText($0.value))" }.joined(separator: ",") + "}"
        }
    }

    /// `<aws.events.event>`: the envelope without `detail`, its detail type under
    /// `detailType`, in the member order AWS writes it.
    static func envelopeWithoutDetail(_ event: JSONValue) -> JSONValue {
        .structure([
            "id": event["id"], "account": event["account"], "detailType": event["detail-type"],
            "time": event["time"], "source": event["source"], "region": event["region"],
            "resources": event["resources"], "version": event["version"],
        ])
    }
}
