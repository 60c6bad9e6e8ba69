/// Which rules' deliveries caused an event, generation after generation: an event
/// that a rule's delivery caused — forwarded to a bus, or put by a call to this
/// server's API that the delivery made — counts one more generation of that rule.
/// A rule whose action triggers the same rule loops forever on AWS; Switchyard
/// stops the rule's deliveries at the `limit`-th generation.
public struct Lineage: Sendable, Hashable {
    /// Rule ARN → generations.
    public private(set) var generations: [String: Int] = [:]

    /// How many generations of its own events a rule gets before it is stopped.
    public static let limit = 5
    /// More rules than a lineage carries are forgotten, oldest first: a caller
    /// cannot make the header, or the event log's column, grow without end.
    static let maximumRules = 32

    public static let none = Lineage()

    public init() {}

    /// The lineage of an event that `ruleArn`'s delivery of an event with this one caused.
    public func caused(by ruleArn: String) -> Lineage {
        var next = self
        next.generations[ruleArn, default: 0] += 1
        return next
    }

    /// Whether `ruleArn` has had its generations: its delivery of this event is stopped.
    public func hasLooped(_ ruleArn: String) -> Bool {
        generations[ruleArn, default: 0] >= Self.limit
    }

    /// As the `X-Switchyard-Lineage` header and the event log keep it:
    /// `ruleArn=generations` pairs, comma-separated; nil for none.
    public var text: String? {
        generations.isEmpty ? nil : generations.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// Reads `text`; what is not a pair is left out.
    public init(text: String?) {
        for pair in (text ?? "").split(separator: ",").prefix(Self.maximumRules) {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let count = Int(parts[1]), count > 0, parts[0].hasPrefix("arn:") else { continue }
            generations[String(parts[0])] = min(count, Self.limit)
        }
    }

    /// The header outbound calls carry it in.
    public static let header = "x-switchyard-lineage"
}
