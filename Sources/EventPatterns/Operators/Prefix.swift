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

/// Byte tries for prefixes (and, fed reversed bytes, for suffixes): each node
/// lists the conditions that end there.
struct ByteTrie: Sendable {
    private var children: [[(byte: UInt8, node: Int32)]] = [[]]
    private var endings: [[Int32]] = [[]]

    var isEmpty: Bool { endings.count == 1 && endings[0].isEmpty }

    mutating func insert<Bytes: Sequence<UInt8>>(_ bytes: Bytes, condition: Int32) {
        var node = 0
        for byte in bytes {
            if let next = children[node].first(where: { $0.byte == byte }) {
                node = Int(next.node)
            } else {
                children.append([])
                endings.append([])
                let created = Int32(children.count - 1)
                children[node].append((byte, created))
                node = Int(created)
            }
        }
        endings[node].append(condition)
    }

    /// Calls `found` for each condition whose bytes begin the walked sequence.
    @inline(__always)
    func walk<Bytes: Sequence<UInt8>>(_ bytes: Bytes, _ found: (Int32) -> Void) {
        var node = 0
        for condition in endings[0] { found(condition) }
        for byte in bytes {
            guard let next = children[node].first(where: { $0.byte == byte }) else { return }
            node = Int(next.node)
            for condition in endings[node] { found(condition) }
        }
    }
}
