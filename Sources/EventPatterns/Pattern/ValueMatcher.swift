/// One condition on a field's value: an element of a pattern's value array.
/// Each case is defined, parsed and indexed in `Operators/`.
enum ValueMatcher: Hashable, Sendable {
    case exact(ExactValue)
    case prefix(Prefix)
    case suffix(Suffix)
    case equalsIgnoreCase(EqualsIgnoreCase)
    case wildcard(Wildcard)
    case anythingBut(AnythingBut)
    case numeric(NumericRange)
    case exists(Bool)
    case cidr(CIDR)
}

extension ValueMatcher {
    /// The wildcard patterns this condition runs, for the complexity limit.
    var wildcards: [Wildcard] {
        switch self {
        case .wildcard(let wildcard): return [wildcard]
        case .anythingBut(let anythingBut):
            if case .wildcards(let wildcards) = anythingBut.exclusion { return wildcards }
            return []
        default: return []
        }
    }
}

/// The conditions on one field of one alternative: the field matches when any
/// condition does.
struct FieldCondition: Hashable, Sendable {
    var path: String
    var matchers: [ValueMatcher]
}
