import EventPatterns

/// A statement's `Condition` block: every operator's every key must hold. The
/// operators are IAM's string, ARN, `Bool` and `Null` ones, with `…IfExists`;
/// an operator IAM has but this does not know makes the statement not apply,
/// so that an unknown condition never widens what a policy allows.
enum PolicyCondition {
    static func holds(_ condition: JSONValue?, in context: [String: String]) -> Bool {
        guard let condition else { return true }
        guard let operators = condition.members else { return false }
        return operators.allSatisfy { entry in
            guard let keys = entry.value.members else { return false }
            return keys.allSatisfy { holds(entry.key, context[$0.key.lowercased()], $0.value) }
        }
    }

    /// One operator on one key: `expected` is one value or a list, any of which may match.
    static func holds(_ operatorName: String, _ actual: String?, _ expected: JSONValue) -> Bool {
        var name = operatorName
        // Multivalued keys do not occur here: each key has one value, so these qualifiers change nothing.
        for qualifier in ["ForAnyValue:", "ForAllValues:"] where name.hasPrefix(qualifier) { name.removeFirst(qualifier.count) }
        let ifExists = name.hasSuffix("IfExists")
        if ifExists { name.removeLast("IfExists".count) }
        if name == "Null" {
            return ResourcePolicy.anyOf(expected) { ($0.stringValue ?? $0.boolValue.map(String.init)) == String(actual == nil) }
        }
        guard let comparison = comparisons[name] else { return false }
        guard let actual else { return ifExists || comparison.negated }
        let matched = ResourcePolicy.anyOf(expected) { value in
            guard let value = value.stringValue ?? value.boolValue.map(String.init) else { return false }
            return comparison.test(value, actual)
        }
        return matched != comparison.negated
    }

    struct Comparison: Sendable {
        var negated: Bool
        var test: @Sendable (_ expected: String, _ actual: String) -> Bool
    }

    static let comparisons: [String: Comparison] = {
        let equals: @Sendable (String, String) -> Bool = { $0 == $1 }
        let equalsIgnoringCase: @Sendable (String, String) -> Bool = { $0.lowercased() == $1.lowercased() }
        let like: @Sendable (String, String) -> Bool = { Wildcard.matches($0, $1, ignoringCase: false) }
        return [
            "StringEquals": Comparison(negated: false, test: equals),
            "StringNotEquals": Comparison(negated: true, test: equals),
            "StringEqualsIgnoreCase": Comparison(negated: false, test: equalsIgnoringCase),
            "StringNotEqualsIgnoreCase": Comparison(negated: true, test: equalsIgnoringCase),
            "StringLike": Comparison(negated: false, test: like),
            "StringNotLike": Comparison(negated: true, test: like),
            "ArnEquals": Comparison(negated: false, test: like),
            "ArnLike": Comparison(negated: false, test: like),
            "ArnNotEquals": Comparison(negated: true, test: like),
            "ArnNotLike": Comparison(negated: true, test: like),
            "Bool": Comparison(negated: false, test: equalsIgnoringCase),
        ]
    }()
}
