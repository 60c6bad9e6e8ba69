/// What `TestEventPattern` (and `switchyard test-pattern`) answers for a
/// pattern and an event given as text.
public enum PatternTest {
    /// The envelope fields AWS's `TestEventPattern` insists the event carries.
    public static let envelopeFields = ["id", "account", "source", "time", "region", "detail-type"]

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case invalidPattern(InvalidEventPattern)
        /// AWS's `ValidationException` for an event it will not test.
        case invalidEvent

        public var description: String {
            switch self {
            case .invalidPattern(let error): return error.description
            case .invalidEvent: return "Parameter Event is not valid."
            }
        }

        /// Where in `pattern` the refused part is, when the pattern was refused.
        public func position(inPattern pattern: String) -> String? {
            guard case .invalidPattern(let error) = self else { return nil }
            return error.position(in: pattern)
        }
    }

    /// Whether `event` matches `pattern`. With `requireEnvelope` the event must be
    /// shaped like an EventBridge event, as `TestEventPattern` demands; without it
    /// any JSON object is matched, as rules see the events on a bus.
    public static func evaluate(pattern: String, event: String, requireEnvelope: Bool) throws(Failure) -> Bool {
        try answer(pattern: pattern, event: event, requireEnvelope: requireEnvelope) { pattern, event throws(EventSyntaxError) in
            try pattern.matches(event)
        }
    }

    /// Why `event` matches `pattern` or does not, after the checks `evaluate` makes.
    public static func explain(pattern: String, event: String, requireEnvelope: Bool) throws(Failure) -> PatternExplanation {
        try answer(pattern: pattern, event: event, requireEnvelope: requireEnvelope) { pattern, event throws(EventSyntaxError) in
            try pattern.explain(event)
        }
    }

    private static func answer<Answer>(
        pattern: String, event: String, requireEnvelope: Bool,
        _ body: (EventPattern, [UInt8]) throws(EventSyntaxError) -> Answer
    ) throws(Failure) -> Answer {
        let compiled = try validated(pattern: pattern, event: event, requireEnvelope: requireEnvelope)
        do {
            return try body(compiled, Array(event.utf8))
        } catch {
            throw .invalidEvent
        }
    }

    private static func validated(pattern: String, event: String, requireEnvelope: Bool) throws(Failure) -> EventPattern {
        let compiled: EventPattern
        do {
            compiled = try EventPattern(pattern)
        } catch {
            throw .invalidPattern(error)
        }
        guard case .object(let members)? = try? JSONParser.parse(event) else { throw .invalidEvent }
        if requireEnvelope {
            let keys = Set(members.map(\.key))
            guard envelopeFields.allSatisfy(keys.contains) else { throw .invalidEvent }
        }
        return compiled
    }
}
