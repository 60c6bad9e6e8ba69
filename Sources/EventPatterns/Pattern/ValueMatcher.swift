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

/// The conditions on one field of one alternative: the field matches when any
/// condition does.
struct FieldCondition: Hashable, Sendable {
    var path: String
    var matchers: [ValueMatcher]
}
