/// AWS's "Rule is too complex" limit. event-ruler keeps one byte machine per
/// field at each point of the rule's name-state chain: fields are added in name
/// order, so two `$or` alternatives share a field's machine when they agree on
/// every field before it. A rule is refused when one of those machines scores
/// above the limit.
enum RuleComplexity {
    /// Live EventBridge accepts a rule scoring 7 and refuses one scoring 11;
    /// event-ruler's documented per-rule maximum is 10.
    static let limit = 10

    static func check(_ alternatives: [[FieldCondition]]) throws(InvalidEventPattern) {
        guard let field = machines(of: alternatives).first(where: { score($0.matchers) > limit }) else { return }
        var error = InvalidEventPattern(
            "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character")
        // Points at the field where the pattern nests it by its keys; a field
        // written with dotted keys or inside `$or` is not found, and not pointed at.
        error.location.steps = field.path.split(separator: ".").map { .key(String($0), occurrence: 0) }
        throw error
    }

    /// The highest machine score, counted no further than one above the limit.
    static func score(_ alternatives: [[FieldCondition]]) -> Int {
        machines(of: alternatives).reduce(0) { highest, machine in
            highest > limit ? highest : max(highest, score(machine.matchers))
        }
    }

    /// The conditions each of the rule's byte machines holds, with its field.
    private static func machines(of alternatives: [[FieldCondition]]) -> [(path: String, matchers: [ValueMatcher])] {
        struct MachineKey: Hashable {
            var before: ArraySlice<FieldCondition>
            var path: String
        }
        var keys: [MachineKey] = []
        var machines: [MachineKey: [ValueMatcher]] = [:]
        for alternative in alternatives {
            for (index, field) in alternative.enumerated() where field.matchers.contains(where: \.hasWildcards) {
                let key = MachineKey(before: alternative[..<index], path: field.path)
                if machines[key] == nil { keys.append(key) }
                machines[key, default: []] += field.matchers
            }
        }
        return keys.map { ($0.path, machines[$0]!) }
    }

    private static func score(_ matchers: [ValueMatcher]) -> Int {
        var machine = WildcardMachine()
        var patterns: [ValueMatcher: Int] = [:]
        for matcher in matchers {
            let values: [[WildcardMachine.Character]]
            switch matcher {
            case .wildcard(let wildcard):
                values = [WildcardMachine.characters(of: wildcard, quoted: true)]
            case .anythingBut(let anythingBut):
                // event-ruler keeps an anything-but set as one pattern of unquoted values.
                guard case .wildcards(let wildcards) = anythingBut.exclusion else { continue }
                values = wildcards.map { WildcardMachine.characters(of: $0, quoted: false) }
            default:
                continue
            }
            guard patterns[matcher] == nil else { continue }
            patterns[matcher] = patterns.count
            for value in values { machine.add(value, pattern: patterns[matcher]!) }
        }
        return machine.complexity(cap: limit + 1)
    }
}

private extension ValueMatcher {
    var hasWildcards: Bool {
        switch self {
        case .wildcard: return true
        case .anythingBut(let anythingBut):
            if case .wildcards = anythingBut.exclusion { return true }
            return false
        default: return false
        }
    }
}
