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
    }

    /// Whether `event` matches `pattern`. With `requireEnvelope` the event must be
    /// shaped like an EventBridge event, as `TestEventPattern` demands; without it
    /// any JSON object is matched, as rules see the events on a bus.
    public static func evaluate(pattern: String, event: String, requireEnvelope: Bool) throws(Failure) -> Bool {
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
        do {
            return try compiled.matches(Array(event.utf8))
        } catch {
            throw .invalidEvent
        }
    }
}
