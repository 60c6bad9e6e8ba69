/// Why an event matches a pattern or does not, in plain words: which field and
/// which condition failed, or which `$or` alternative matched.
public struct PatternExplanation: Sendable, Equatable, CustomStringConvertible {
    public var matched: Bool
    /// One sentence per reason: `detail.size: 12 is not > 100`.
    public var reasons: [String]

    public init(matched: Bool, reasons: [String]) {
        self.matched = matched
        self.reasons = reasons
    }

    public var description: String { reasons.joined(separator: "; ") }
}

extension EventPattern {
    /// Explains the answer `matches(_:)` gives for `event`. It walks the event
    /// the plainest way, value by value, so it costs far more than matching and
    /// is meant for people asking, never for routing.
    public func explain(_ event: some Collection<UInt8>) throws(EventSyntaxError) -> PatternExplanation {
        let matched = try matches(event)
        guard let document = try? JSONParser.parse(bytes: Array(event)) else {
            return PatternExplanation(matched: matched, reasons: [])
        }
        return PatternExplainer(alternatives: alternatives, event: EventLeaves(event: document)).explanation(matched: matched)
    }
}
