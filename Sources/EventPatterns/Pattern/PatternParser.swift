/// Validates a parsed pattern document and flattens it into alternatives, in the
/// order and with the reasons AWS uses.
enum PatternParser {
    /// AWS's cap on the alternatives one pattern may expand into through `$or`.
    static let maximumAlternatives = 1_000

    /// Names event-ruler keeps for its operators, present and planned: inside an
    /// `$or` branch they are refused as field names, since `{"$or": [{"suffix": …}]}`
    /// reads as a misplaced operator.
    static let reservedInsideOr: Set<String> = [
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after", "date-on-or-after",
        "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range",
    ]

    typealias Alternative = [FieldCondition]

    static func alternatives(of document: JSONValue) throws(InvalidEventPattern) -> [Alternative] {
        guard case .object(let members) = document else {
            throw InvalidEventPattern("Filter is not an object")
        }
        var alternatives: [Alternative] = [[]]
        try parseObject(members, path: "", insideOr: false, into: &alternatives)
        let normalisedAlternatives = alternatives.map(normalised)
        try RuleComplexity.check(normalisedAlternatives)
        return normalisedAlternatives
    }

    /// A repeated path keeps its last conditions, as AWS does with duplicate keys;
    /// fields are then ordered by path, the order the automaton steps in.
    private static func normalised(_ alternative: Alternative) -> Alternative {
        var latest: [String: FieldCondition] = [:]
        for field in alternative { latest[field.path] = field }
        return latest.values.sorted { $0.path < $1.path }
    }

    private static func parseObject(
        _ members: [JSONValue.Member], path: String, insideOr: Bool, into alternatives: inout [Alternative]
    ) throws(InvalidEventPattern) {
        guard !members.isEmpty else { throw InvalidEventPattern("Empty objects are not allowed") }
        for (index, member) in members.enumerated() {
            do {
                try parseMember(member, path: path, insideOr: insideOr, into: &alternatives)
            } catch {
                let occurrence = members[..<index].count { $0.key == member.key }
                throw error.inside(.key(member.key, occurrence: occurrence))
            }
        }
    }

    private static func parseMember(
        _ member: JSONValue.Member, path: String, insideOr: Bool, into alternatives: inout [Alternative]
    ) throws(InvalidEventPattern) {
        if member.key == "$or" {
            try parseOr(member.value, path: path, into: &alternatives)
            return
        }
        if insideOr, reservedInsideOr.contains(member.key) {
            throw InvalidEventPattern("\(member.key) is Ruler reserved fieldName which cannot be used inside $or.")
        }
        let childPath = path.isEmpty ? member.key : path + "." + member.key
        switch member.value {
        case .object(let nested):
            try parseObject(nested, path: childPath, insideOr: insideOr, into: &alternatives)
        case .array(let elements):
            let field = FieldCondition(path: childPath, matchers: try parseValues(elements))
            for index in alternatives.indices { alternatives[index].append(field) }
        default:
            throw InvalidEventPattern("\"\(member.key)\" must be an object or an array")
        }
    }

    private static func parseOr(
        _ value: JSONValue, path: String, into alternatives: inout [Alternative]
    ) throws(InvalidEventPattern) {
        guard case .array(let branches) = value else {
            throw InvalidEventPattern("It must be an Array followed with $or.")
        }
        var combined: [Alternative] = []
        for (index, branch) in branches.enumerated() {
            do throws(InvalidEventPattern) {
                guard case .object(let members) = branch else {
                    throw InvalidEventPattern("Only JSON object is allowed in array of $or relationship.")
                }
                var expanded = alternatives
                try parseObject(members, path: path, insideOr: true, into: &expanded)
                combined += expanded
                if combined.count > maximumAlternatives {
                    throw InvalidEventPattern(
                        "Rule is too complex - the $or combinations exceed the limit of \(maximumAlternatives)")
                }
            } catch {
                throw error.inside(.index(index))
            }
        }
        guard branches.count >= 2 else {
            throw InvalidEventPattern("There must have at least 2 Objects in $or relationship.")
        }
        alternatives = combined
    }

    private static func parseValues(_ elements: [JSONValue]) throws(InvalidEventPattern) -> [ValueMatcher] {
        var matchers: [ValueMatcher] = []
        for (index, element) in elements.enumerated() {
            do {
                matchers.append(try parseValue(element))
            } catch {
                throw error.inside(.index(index))
            }
        }
        guard !matchers.isEmpty else { throw InvalidEventPattern("Empty arrays are not allowed") }
        return matchers
    }

    private static func parseValue(_ element: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        switch element {
        case .string(let text):
            // The engine compares a string that is an IP address as the address.
            if let digits = IPAddress.hexDigits(of: text.utf8) { return .cidr(CIDR.address(text, digits: digits)) }
            return .exact(.string(Array(text.utf8)))
        case .number(let number):
            guard number.isComparable else { return .exact(.numberText(Array(number.text.utf8))) }
            return .exact(.number(try NumericRange.comparable(number)))
        case .bool(let flag): return .exact(.literal(flag ? .true : .false))
        case .null: return .exact(.literal(.null))
        case .object(let members): return try parseMatchExpression(members)
        case .array: throw InvalidEventPattern("Match value must be String, number, true, false, or null")
        }
    }

    private static func parseMatchExpression(_ members: [JSONValue.Member]) throws(InvalidEventPattern) -> ValueMatcher {
        guard let member = members.first else { throw InvalidEventPattern("Empty objects are not allowed") }
        let matcher: ValueMatcher
        switch member.key {
        case "prefix": matcher = try Prefix.parse(member.value)
        case "suffix": matcher = try Suffix.parse(member.value)
        case "equals-ignore-case": matcher = try EqualsIgnoreCase.parse(member.value)
        case "wildcard": matcher = try Wildcard.parse(member.value)
        case "anything-but": matcher = try AnythingBut.parse(member.value)
        case "numeric": matcher = try NumericRange.parse(member.value)
        case "exists": matcher = try Exists.parse(member.value)
        case "cidr": matcher = try CIDR.parse(member.value)
        default: throw InvalidEventPattern("Unrecognized match type \(member.key)")
        }
        guard members.count == 1 else { throw InvalidEventPattern("Only one key allowed in match expression") }
        return matcher
    }
}
