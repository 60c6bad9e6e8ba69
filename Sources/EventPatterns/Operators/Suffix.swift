/// `{"suffix": ".png"}` and `{"suffix": {"equals-ignore-case": ".png"}}`.
/// Matches strings only; indexed by a trie over reversed bytes.
struct Suffix: Hashable, Sendable {
    var bytes: [UInt8]
    var ignoringCase: Bool

    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        let parsed = try Prefix(parsing: value, operator: "suffix")
        return .suffix(Suffix(bytes: parsed.bytes, ignoringCase: parsed.ignoringCase))
    }

    func matches(_ value: EventValue) -> Bool {
        guard value.kind == .string else { return false }
        return value.withComparable(ignoringCase: ignoringCase) { $0.reversed().starts(with: bytes.reversed()) }
    }
}
