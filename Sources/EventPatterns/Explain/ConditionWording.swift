/// Conditions in plain words, for explanations.
extension ValueMatcher {
    /// The condition as a short name in a list: `"stopped"`, `prefix "i-"`, `> 100`.
    var name: String {
        switch self {
        case .exact(let exact): return exact.wording
        case .prefix(let prefix): return "prefix " + Self.affix(prefix.bytes, prefix.ignoringCase)
        case .suffix(let suffix): return "suffix " + Self.affix(suffix.bytes, suffix.ignoringCase)
        case .equalsIgnoreCase(let equals): return "equals-ignore-case " + Self.quoted(equals.folded)
        case .wildcard(let wildcard): return "wildcard " + wildcard.wording
        case .anythingBut(let anythingBut): return "anything-but " + anythingBut.exclusionWording
        case .numeric(let range): return range.wording
        case .exists(let present): return "exists: \(present)"
        case .cidr(let cidr): return cidr.isBlock ? "cidr " + cidr.text : Self.quoted(Array(cidr.text.utf8))
        }
    }

    /// What a value that meets the condition is: `starts with "i-"`.
    var predicate: String {
        switch self {
        case .exact: return "is " + name
        case .prefix(let prefix): return "starts with " + Self.affix(prefix.bytes, prefix.ignoringCase)
        case .suffix(let suffix): return "ends with " + Self.affix(suffix.bytes, suffix.ignoringCase)
        case .equalsIgnoreCase(let equals): return "equals " + Self.affix(equals.folded, true)
        case .wildcard(let wildcard): return "matches the wildcard " + wildcard.wording
        case .anythingBut(let anythingBut): return "is anything but " + anythingBut.exclusionWording
        case .numeric(let range): return "is " + range.wording
        case .exists(true): return "exists"
        case .exists(false): return "is absent"
        case .cidr(let cidr): return cidr.isBlock ? "is in " + cidr.text : "is " + name
        }
    }

    /// What a value that fails the condition is: `does not start with "i-"`.
    var negatedPredicate: String {
        switch self {
        case .exact: return "is not " + name
        case .prefix(let prefix): return "does not start with " + Self.affix(prefix.bytes, prefix.ignoringCase)
        case .suffix(let suffix): return "does not end with " + Self.affix(suffix.bytes, suffix.ignoringCase)
        case .equalsIgnoreCase(let equals): return "does not equal " + Self.affix(equals.folded, true)
        case .wildcard(let wildcard): return "does not match the wildcard " + wildcard.wording
        case .anythingBut(let anythingBut): return "is excluded by anything-but " + anythingBut.exclusionWording
        case .numeric(let range): return "is not " + range.wording
        case .exists(true): return "is missing"
        case .exists(false): return "is present, but the pattern requires it to be absent"
        case .cidr(let cidr): return cidr.isBlock ? "is not in " + cidr.text : "is not " + name
        }
    }

    var isPlainValue: Bool {
        switch self {
        case .exact: return true
        case .cidr(let cidr): return !cidr.isBlock
        default: return false
        }
    }

    static func quoted(_ bytes: [UInt8]) -> String {
        JSONValue.string(String(decoding: bytes, as: UTF8.self)).jsonText
    }

    private static func affix(_ bytes: [UInt8], _ ignoringCase: Bool) -> String {
        quoted(bytes) + (ignoringCase ? " ignoring case" : "")
    }
}

extension FieldCondition {
    /// What a value meeting any of the field's conditions is.
    var predicate: String {
        if matchers.count > 1, matchers.allSatisfy(\.isPlainValue) {
            return "is one of " + matchers.map(\.name).joined(separator: ", ")
        }
        if matchers.count == 1 { return matchers[0].predicate }
        return "matches one of: " + matchers.map(\.name).joined(separator: ", ")
    }

    var negatedPredicate: String {
        if matchers.count > 1, matchers.allSatisfy(\.isPlainValue) {
            return "is not one of " + matchers.map(\.name).joined(separator: ", ")
        }
        if matchers.count == 1 { return matchers[0].negatedPredicate }
        return "matches none of: " + matchers.map(\.name).joined(separator: ", ")
    }
}

extension ExactValue {
    var wording: String {
        switch self {
        case .string(let bytes): return ValueMatcher.quoted(bytes)
        case .number(let number): return NumericRange.wording(number)
        case .numberText(let text): return String(decoding: text, as: UTF8.self)
        case .literal(.true): return "true"
        case .literal(.false): return "false"
        case .literal(.null): return "null"
        }
    }
}

extension NumericRange {
    /// `> 0 and <= 5`, `= 301.8`.
    var wording: String {
        if lower == upper { return "= " + Self.wording(lower) }
        var bounds: [String] = []
        if lower > -.infinity { bounds.append((lowerInclusive ? ">= " : "> ") + Self.wording(lower)) }
        if upper < .infinity { bounds.append((upperInclusive ? "<= " : "< ") + Self.wording(upper)) }
        return bounds.joined(separator: " and ")
    }

    static func wording(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return number.description
    }
}

extension Wildcard {
    /// The pattern as written, with its escapes.
    var wording: String {
        var text: [UInt8] = []
        for token in tokens {
            guard let byte = token else { text.append(UInt8(ascii: "*")); continue }
            if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "\\") { text.append(UInt8(ascii: "\\")) }
            text.append(byte)
        }
        return ValueMatcher.quoted(text)
    }
}

extension AnythingBut {
    var exclusionWording: String {
        switch exclusion {
        case .strings(let strings): return strings.map(ValueMatcher.quoted).joined(separator: ", ")
        case .numbers(let numbers): return numbers.map(NumericRange.wording).joined(separator: ", ")
        case .prefixes(let prefixes): return "prefix " + prefixes.map(ValueMatcher.quoted).joined(separator: ", ")
        case .suffixes(let suffixes): return "suffix " + suffixes.map(ValueMatcher.quoted).joined(separator: ", ")
        case .equalsIgnoreCase(let values): return "equals-ignore-case " + values.map(ValueMatcher.quoted).joined(separator: ", ")
        case .wildcards(let wildcards): return "wildcard " + wildcards.map(\.wording).joined(separator: ", ")
        }
    }
}
