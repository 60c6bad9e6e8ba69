import EventPatterns

/// An event as one rule matched it: what a target's input is made from.
public struct MatchedEvent: Sendable {
    /// The event as EventBridge delivers it, compact JSON in envelope order.
    public var text: String
    public var ruleArn: String
    public var ruleName: String
    /// When EventBridge received the event, as an ISO 8601 timestamp.
    public var ingestionTime: String

    public init(text: String, ruleArn: String, ruleName: String, ingestionTime: String) {
        self.text = text
        self.ruleArn = ruleArn
        self.ruleName = ruleName
        self.ingestionTime = ingestionTime
    }

    func document() throws(TransformFailure) -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw .eventNotJSON
        }
    }
}

/// Why a target's input could not be made for one event. Neither can succeed on a
/// retry.
public enum TransformFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case templateResultNotJSON
    case eventNotJSON

    public var description: String {
        switch self {
        case .templateResultNotJSON: "The InputTemplate did not produce valid JSON for this event."
        case .eventNotJSON: "The event is not valid JSON."
        }
    }
}
