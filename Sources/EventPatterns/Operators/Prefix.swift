/// `{"prefix": "us-"}` and `{"prefix": {"equals-ignore-case": "us-"}}`.
/// Matches strings only. Indexed by a trie walked along the value's bytes, so the
/// cost of many prefixes on one field is the length of the value, not their count.
struct Prefix: Hashable, Sendable {
    var bytes: [UInt8]
    var ignoringCase: Bool

    init(bytes: [UInt8], ignoringCase: Bool) {
        self.bytes = bytes
        self.ignoringCase = ignoringCase
    }

    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        .prefix(try Prefix(parsing: value, operator: "prefix"))
    }

    /// Shared with `suffix`, whose grammar and messages are the same.
    init(parsing value: JSONValue, operator name: String) throws(InvalidEventPattern) {
        switch value {
        case .string(let text):
            self.init(bytes: Array(text.utf8), ignoringCase: false)
        case .object(let members):
            guard let member = members.first else { throw InvalidEventPattern("Empty objects are not allowed") }
            guard member.key == "equals-ignore-case" else {
                throw InvalidEventPattern("Unsupported \(name) pattern: \(member.key)")
            }
            guard case .string(let text) = member.value else {
                throw InvalidEventPattern("equals-ignore-case match pattern must be a string")
            }
            guard members.count == 1 else { throw InvalidEventPattern("Only one key allowed in match expression") }
            self.init(bytes: CaseFolding.fold(text), ignoringCase: true)
        default:
            throw InvalidEventPattern("\(name) match pattern must be a string")
        }
    }

    func matches(_ value: EventValue) -> Bool {
        guard value.kind == .string else { return false }
        return value.withComparable(ignoringCase: ignoringCase) { $0.starts(with: bytes) }
    }
}
