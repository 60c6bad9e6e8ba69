import EventPatterns
import Switchyard
import Synchronization

/// Checks a request against its operation's input shape, the way AWS's front end
/// does: a value of the wrong JSON type is a `SerializationException`; every
/// constraint violation is collected and reported together, numbered, in AWS's words:
/// `2 validation errors detected: Value 'x' at 'name' failed to satisfy constraint: …; …`.
final class RequestValidator: Sendable {
    let model: ServiceModel
    /// Compiled once. `Regex` is not `Sendable`, so matches run under the lock; the
    /// control plane's request rate makes that contention negligible.
    private let patterns: Mutex<[String: Regex<AnyRegexOutput>]>

    init(model: ServiceModel) {
        self.model = model
        var patterns: [String: Regex<AnyRegexOutput>] = [:]
        for case .string(_, _, let pattern?, _) in model.shapes.values {
            patterns[pattern] = try? Regex(pattern)
        }
        self.patterns = Mutex(patterns)
    }

    /// Patterns of the model that Swift's regex engine cannot compile; a test keeps this empty.
    var uncompiledPatterns: [String] {
        let compiled = patterns.withLock { Set($0.keys) }
        return model.shapes.values.compactMap { shape in
            guard case .string(_, _, let pattern?, _) = shape, !compiled.contains(pattern) else { return nil }
            return pattern
        }
    }

    private func text(_ text: String, matches pattern: String) -> Bool {
        patterns.withLock { patterns in
            guard let regex = patterns[pattern] else { return true }
            return (try? regex.wholeMatch(in: text)) != nil
        }
    }

    func validate(_ input: JSONValue, shape name: String) throws(ServiceError) {
        var violations: [String] = []
        try check(input, name, path: [], into: &violations)
        guard !violations.isEmpty else { return }
        let count = violations.count == 1 ? "1 validation error" : "\(violations.count) validation errors"
        throw .validation("\(count) detected: " + violations.joined(separator: "; "))
    }

    private func check(_ value: JSONValue, _ shapeName: String, path: [String], into violations: inout [String]) throws(ServiceError) {
        guard let shape = model.shapes[shapeName] else { return }
        let location = path.joined(separator: ".")
        func violation(_ constraint: String) {
            violations.append("Value '\(render(value, shapeName))' at '\(location)' failed to satisfy constraint: \(constraint)")
        }
        switch (shape, value) {
        case (.structure(let members, let required), .object):
            for member in members {
                let memberPath = path + [Self.memberName(member.name)]
                guard let memberValue = value[member.name], memberValue != .null else {
                    if required.contains(member.name) {
                        violations.append("Value null at '\(memberPath.joined(separator: "."))' failed to satisfy constraint: Member must not be null")
                    }
                    continue
                }
                try check(memberValue, member.shape, path: memberPath, into: &violations)
            }
        case (.list(let memberShape, let min, let max), .array(let elements)):
            checkLength(elements.count, min: min, max: max, violation)
            for (index, element) in elements.enumerated() where element != .null {
                let elementPath = path.dropLast() + ["\(path.last ?? "").\(index + 1).member"]
                try check(element, memberShape, path: Array(elementPath), into: &violations)
            }
        case (.map(let keyShape, let valueShape, let min, let max), .object(let members)):
            checkLength(members.count, min: min, max: max, violation)
            for member in members {
                try check(.string(member.key), keyShape, path: path + ["key"], into: &violations)
                if member.value != .null {
                    try check(member.value, valueShape, path: path + [member.key], into: &violations)
                }
            }
        case (.string(let min, let max, let pattern, let values), .string(let text)):
            if let pattern, !self.text(text, matches: pattern) {
                violation("Member must satisfy regular expression pattern: \(pattern)")
            }
            // AWS counts length in UTF-16 code units, as Java strings do.
            checkLength(text.utf16.count, min: min, max: max, violation)
            if let values, !values.contains(text) {
                violation("Member must satisfy enum value set: [\(values.joined(separator: ", "))]")
            }
        case (.integer(let min, let max), .number(let number)):
            guard number.value.rounded() == number.value else { throw Self.mismatch("an integer", location) }
            if let min, number.value < Double(min) { violation("Member must have value greater than or equal to \(min)") }
            if let max, number.value > Double(max) { violation("Member must have value less than or equal to \(max)") }
        case (.double, .number), (.timestamp, .number), (.boolean, .bool), (.blob, .string):
            break
        case (.structure, _), (.map, _): throw Self.mismatch("an object", location)
        case (.list, _): throw Self.mismatch("a list", location)
        case (.string, _), (.blob, _): throw Self.mismatch("a string", location)
        case (.integer, _), (.double, _), (.timestamp, _): throw Self.mismatch("a number", location)
        case (.boolean, _): throw Self.mismatch("a boolean", location)
        }
    }

    private func checkLength(_ length: Int, min: Int?, max: Int?, _ violation: (String) -> Void) {
        if let max, length > max { violation("Member must have length less than or equal to \(max)") }
        if let min, length < min { violation("Member must have length greater than or equal to \(min)") }
    }

    /// AWS names members in lower camel case in its messages: `Targets[0].Id` is `targets.1.member.id`.
    static func memberName(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }

    static func mismatch(_ expected: String, _ location: String) -> ServiceError {
        ServiceError(code: "SerializationException", message: "Expected \(expected) at '\(location.isEmpty ? "request" : location)'.")
    }

    /// A value as AWS's Java front end prints it: strings and numbers bare, lists as
    /// `[a, b]`, maps as `{k=v}`, structures as `Shape(member=value, …)` with every
    /// member of the shape, `null` where absent.
    func render(_ value: JSONValue, _ shapeName: String) -> String {
        switch (model.shapes[shapeName], value) {
        case (.structure(let members, _)?, .object):
            let fields = members.map { member in
                "\(Self.memberName(member.name))=\(render(value[member.name] ?? .null, member.shape))"
            }
            return "\(shapeName)(\(fields.joined(separator: ", ")))"
        case (.list(let memberShape, _, _)?, .array(let elements)):
            return "[" + elements.map { render($0, memberShape) }.joined(separator: ", ") + "]"
        case (.map(_, let valueShape, _, _)?, .object(let members)):
            return "{" + members.map { "\($0.key)=\(render($0.value, valueShape))" }.joined(separator: ", ") + "}"
        case (_, .string(let text)): return text
        case (_, .number(let number)): return number.text
        case (_, .bool(let flag)): return String(flag)
        case (_, .null): return "null"
        default: return value.jsonText
        }
    }
}
