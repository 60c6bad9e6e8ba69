public import EventPatterns

/// What a target receives for an event: the event itself, a constant, the part an
/// `InputPath` selects, or an `InputTransformer`'s output.
public enum TargetInput: Sendable {
    case matchedEvent
    case constant(String)
    case path(JSONPath)
    case transformer(InputTransformer)

    /// The input a target's `Input`, `InputPath` and `InputTransformer` members ask
    /// for; at most one of them is set (PutTargets enforces it).
    public init(input: String?, inputPath: String?, inputTransformer: JSONValue?) throws(InvalidJSONPath) {
        if let input {
            self = .constant(input)
        } else if let inputPath {
            self = .path(try JSONPath(inputPath))
        } else if let inputTransformer {
            var paths: [String: String] = [:]
            for member in inputTransformer["InputPathsMap"]?.members ?? [] {
                paths[member.key] = member.value.stringValue ?? ""
            }
            self = .transformer(try InputTransformer(
                inputPathsMap: paths, inputTemplate: inputTransformer["InputTemplate"]?.stringValue ?? ""))
        } else {
            self = .matchedEvent
        }
    }

    public func render(_ event: MatchedEvent) throws(TransformFailure) -> String {
        switch self {
        case .matchedEvent:
            return event.text
        case .constant(let input):
            return input
        case .path(let path):
            // A path that selects nothing gives JSON null, as AWS delivers it.
            return path.evaluate(in: try event.document())?.jsonText ?? "null"
        case .transformer(let transformer):
            return try transformer.render(event)
        }
    }
}
