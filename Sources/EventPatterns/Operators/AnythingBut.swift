/// `{"anything-but": …}`: matches any value that is present and not excluded.
/// The exclusion is a value or list of values (all strings or all numbers), or
/// an object with one of `prefix`, `suffix`, `equals-ignore-case`, `wildcard`.
/// A value of another type than the excluded ones is never excluded: AWS matches
/// `{"anything-but": {"prefix": "init"}}` against `12` and `null`.
struct AnythingBut: Hashable, Sendable {
    enum Exclusion: Hashable, Sendable {
        case strings([[UInt8]])
        case numbers([Double])
        case prefixes([[UInt8]])
        case suffixes([[UInt8]])
        case equalsIgnoreCase([[UInt8]])
        case wildcards([Wildcard])
    }

    var exclusion: Exclusion

    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        switch value {
        case .string(let text):
            return .anythingBut(AnythingBut(exclusion: .strings([Array(text.utf8)])))
        case .number(let number):
            return .anythingBut(AnythingBut(exclusion: .numbers([try NumericRange.comparable(number)])))
        case .array(let elements):
            return .anythingBut(AnythingBut(exclusion: try parseList(elements)))
        case .object(let members):
            return .anythingBut(AnythingBut(exclusion: try parseOperator(members)))
        default:
            throw InvalidEventPattern("Value of anything-but must be an array or single string/number value.")
        }
    }

    private static func parseList(_ elements: [JSONValue]) throws(InvalidEventPattern) -> Exclusion {
        var strings: [[UInt8]] = []
        var numbers: [Double] = []
        for element in elements {
            switch element {
            case .string(let text): strings.append(Array(text.utf8))
            case .number(let number): numbers.append(try NumericRange.comparable(number))
            default: throw InvalidEventPattern("Inside anything but list, start|null|boolean is not supported.")
            }
        }
        guard strings.isEmpty != numbers.isEmpty else {
            throw InvalidEventPattern(
                "Inside anything but list, either all values are number or string, mixed type is not supported")
        }
        return strings.isEmpty ? .numbers(numbers) : .strings(strings)
    }

    private static func parseOperator(_ members: [JSONValue.Member]) throws(InvalidEventPattern) -> Exclusion {
        guard let member = members.first else { throw InvalidEventPattern("Empty objects are not allowed") }
        let exclusion: Exclusion
        switch member.key {
        case "prefix", "suffix":
            let affixes = try strings(member.value, message: "prefix/suffix match pattern must be a string")
            guard !affixes.contains(where: \.isEmpty) else {
                throw InvalidEventPattern("Null prefix/suffix not allowed")
            }
            exclusion = member.key == "prefix" ? .prefixes(affixes) : .suffixes(affixes)
        case "equals-ignore-case":
            let values = try strings(
                member.value,
                message: "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.")
            exclusion = .equalsIgnoreCase(values.map { CaseFolding.fold(String(decoding: $0, as: UTF8.self)) })
        case "wildcard":
            let patterns = try strings(member.value, message: "wildcard match pattern must be a string")
            var wildcards: [Wildcard] = []
            for pattern in patterns { wildcards.append(try Wildcard(String(decoding: pattern, as: UTF8.self))) }
            exclusion = .wildcards(wildcards)
        default:
            throw InvalidEventPattern("Unsupported anything-but pattern: \(member.key)")
        }
        guard members.count == 1 else { throw InvalidEventPattern("Only one key allowed in match expression") }
        return exclusion
    }

    /// A string or a non-empty list of strings.
    private static func strings(_ value: JSONValue, message: String) throws(InvalidEventPattern) -> [[UInt8]] {
        switch value {
        case .string(let text):
            return [Array(text.utf8)]
        case .array(let elements) where !elements.isEmpty:
            var result: [[UInt8]] = []
            for element in elements {
                guard case .string(let text) = element else { throw InvalidEventPattern(message) }
                result.append(Array(text.utf8))
            }
            return result
        case .object:
            throw InvalidEventPattern("Value of anything-but must be an array or single string/number value.")
        default:
            throw InvalidEventPattern(message)
        }
    }

    func matches(_ value: EventValue) -> Bool {
        switch exclusion {
        case .strings(let strings):
            guard value.kind == .string else { return true }
            return !strings.contains { value.bytesEqual($0) }
        case .numbers(let numbers):
            guard value.kind == .number else { return true }
            let number = value.number
            return !numbers.contains(number)
        case .prefixes(let prefixes):
            guard value.kind == .string else { return true }
            return value.withBytes { bytes in !prefixes.contains { bytes.starts(with: $0) } }
        case .suffixes(let suffixes):
            guard value.kind == .string else { return true }
            return value.withBytes { bytes in
                !suffixes.contains { suffix in
                    suffix.count <= bytes.count && bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
                }
            }
        case .equalsIgnoreCase(let folded):
            guard value.kind == .string else { return true }
            return value.withComparable(ignoringCase: true) { bytes in !folded.contains { bytes.elementsEqual($0) } }
        case .wildcards(let wildcards):
            guard value.kind == .string else { return true }
            return value.withBytes { bytes in !wildcards.contains { $0.matches(bytes) } }
        }
    }
}
