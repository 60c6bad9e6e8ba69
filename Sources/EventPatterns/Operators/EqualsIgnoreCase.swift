/// `{"equals-ignore-case": "alice"}`: string equality after case folding.
/// Indexed in a hash table of folded values.
struct EqualsIgnoreCase: Hashable, Sendable {
    var folded: [UInt8]

    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        guard case .string(let text) = value else {
            throw InvalidEventPattern("equals-ignore-case match pattern must be a string")
        }
        return .equalsIgnoreCase(EqualsIgnoreCase(folded: CaseFolding.fold(text)))
    }

    func matches(_ value: EventValue) -> Bool {
        guard value.kind == .string else { return false }
        return value.withComparable(ignoringCase: true) { $0.elementsEqual(folded) }
    }
}
