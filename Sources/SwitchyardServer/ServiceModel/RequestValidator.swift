import EventPatterns
import Switchyard

/// Checks a request against its operation's input shape, the way AWS's front end
/// does: a value of the wrong JSON type is a `SerializationException`; every
/// constraint violation is collected and reported together, numbered, in AWS's words:
/// `2 validation errors detected: Value 'x' at 'name' failed to satisfy constraint: …; …`.
final class RequestValidator: Sendable {
    let model: ServiceModel
    /// The model's patterns, compiled once; those that do not compile are left out,
    /// and a test keeps that list empty.
    private let patterns: [String: ModelPattern]
    /// Past this many UTF-16 units a string over its maximum length is reported for
    /// its length alone: the length already refuses it, and matching its pattern too
    /// would cost time in proportion to whatever a client sends.
    static let longestTextCheckedAgainstPattern = 65_536
    /// At most this many violations are spelled out; the count still covers all.
    static let maximumViolationsListed = 20
    /// A rendered value longer than this is cut short, so that a message stays small
    /// whatever the request held.
    static let maximumRenderedLength = 8_192

    init(model: ServiceModel) {
        self.model = model
        var patterns: [String: ModelPattern] = [:]
        for case .string(_, _, let pattern?, _) in model.shapes.values {
            patterns[pattern] = try? ModelPattern(pattern)
        }
        self.patterns = patterns
    }

    /// Patterns of the model that `ModelPattern` cannot compile.
    var uncompiledPatterns: [String] {
        model.shapes.values.compactMap { shape in
            guard case .string(_, _, let pattern?, _) = shape, patterns[pattern] == nil else { return nil }
            return pattern
        }
    }

    func validate(_ input: JSONValue, shape name: String) throws(ServiceError) {
        var violations = Violations()
        try check(input, name, path: [], into: &violations)
        guard violations.count > 0 else { return }
        let count = violations.count == 1 ? "1 validation error" : "\(violations.count) validation errors"
        throw .validation("\(count) detected: " + violations.listed.joined(separator: "; "))
    }

    private func check(_ value: JSONValue, _ shapeName: String, path: [String], into violations: inout Violations) throws(ServiceError) {
        guard let shape = model.shapes[shapeName] else { return }
        let location = path.joined(separator: ".")
        func violation(_ constraint: String) {
            violations.add { "Value '\(self.render(value, shapeName))' at '\(location)' failed to satisfy constraint: \(constraint)" }
        }
        switch (shape, value) {
        case (.structure(let members, let required), .object):
            for member in members {
                let memberPath = path + [Self.memberName(member.name)]
                guard let memberValue = value[member.name], memberValue != .null else {
                    if required.contains(member.name) {
                        violations.add { "Value null at '\(memberPath.joined(separator: "."))' failed to satisfy constraint: Member must not be null" }
                    }
                    continue
                }
                try check(memberValue, member.shape, path: memberPath, into: &violations)
            }
        case (.list(let memberShape, let min, let max), .array(let elements)):
            checkLength(elements.count, min: min, max: max, violation)
            for (index, element) in elements.enumerated() {
                let elementPath = Array(path.dropLast() + ["\(path.last ?? "").\(index + 1).member"])
                // A list element is never optional: `Targets: [null]` would be a target without an Id.
                guard element != .null else {
                    violations.add { "Value null at '\(elementPath.joined(separator: "."))' failed to satisfy constraint: Member must not be null" }
                    continue
                }
                try check(element, memberShape, path: elementPath, into: &violations)
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
            // AWS counts length in UTF-16 code units, as Java strings do.
            let length = text.utf16.count
            let checksPattern = length <= max ?? Int.max || length <= Self.longestTextCheckedAgainstPattern
            if let pattern, checksPattern, patterns[pattern]?.matches(text) == false {
                violation("Member must satisfy regular expression pattern: \(pattern)")
            }
            checkLength(length, min: min, max: max, violation)
            if let values, !values.contains(text) {
                violation("Member must satisfy enum value set: [\(values.joined(separator: ", "))]")
            }
        case (.integer(let min, let max), .number(let number)), (.long(let min, let max), .number(let number)):
            // Java reads the member into an `int` or a `long`: a fraction or a value out of range does not fit.
            let range: ClosedRange<Double> = if case .integer = shape { -0x8000_0000...0x7FFF_FFFF } else { -0x1p63...0x1p63 - 1024 }
            guard number.value.rounded() == number.value, range.contains(number.value) else {
                throw Self.mismatch("an integer", location)
            }
            if let min, number.value < Double(min) { violation("Member must have value greater than or equal to \(min)") }
            if let max, number.value > Double(max) { violation("Member must have value less than or equal to \(max)") }
        case (.double, .number(let number)), (.timestamp, .number(let number)):
            // A literal too large for a double (`1e400`) is not a number Java can read.
            guard number.value.isFinite else { throw Self.mismatch("a number", location) }
        case (.boolean, .bool), (.blob, .string):
            break
        case (.structure, _), (.map, _): throw Self.mismatch("an object", location)
        case (.list, _): throw Self.mismatch("a list", location)
        case (.string, _), (.blob, _): throw Self.mismatch("a string", location)
        case (.integer, _), (.long, _), (.double, _), (.timestamp, _): throw Self.mismatch("a number", location)
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
    /// member of the shape, `null` where absent; cut short past `maximumRenderedLength`.
    func render(_ value: JSONValue, _ shapeName: String) -> String {
        var output = ""
        render(value, shapeName, into: &output)
        guard output.count > Self.maximumRenderedLength else { return output }
        return String(output.prefix(Self.maximumRenderedLength)) + "..."
    }

    private func render(_ value: JSONValue, _ shapeName: String, into output: inout String) {
        guard output.utf8.count <= Self.maximumRenderedLength else { return }
        func each<Element>(_ elements: [Element], _ body: (Element, inout String) -> Void) {
            for (index, element) in elements.enumerated() {
                guard output.utf8.count <= Self.maximumRenderedLength else { return }
                if index > 0 { output += ", " }
                body(element, &output)
            }
        }
        switch (model.shapes[shapeName], value) {
        case (.structure(let members, _)?, .object):
            output += "\(shapeName)("
            each(members) { member, output in
                output += "\(Self.memberName(member.name))="
                render(value[member.name] ?? .null, member.shape, into: &output)
            }
            output += ")"
        case (.list(let memberShape, _, _)?, .array(let elements)):
            output += "["
            each(elements) { render($0, memberShape, into: &$1) }
            output += "]"
        case (.map(_, let valueShape, _, _)?, .object(let members)):
            output += "{"
            each(members) { member, output in
                output += "\(member.key.prefix(Self.maximumRenderedLength))="
                render(member.value, valueShape, into: &output)
            }
            output += "}"
        case (_, .string(let text)): output += text.prefix(Self.maximumRenderedLength + 1)
        case (_, .number(let number)): output += number.text.prefix(Self.maximumRenderedLength + 1)
        case (_, .bool(let flag)): output += String(flag)
        case (_, .null): output += "null"
        default: output += value.jsonText.prefix(Self.maximumRenderedLength + 1)
        }
    }
}

/// The constraint violations of one request: all counted, the first few spelled
/// out. The text is made only once the whole request has been checked, when every
/// value is known to have its shape's type.
private struct Violations {
    private(set) var count = 0
    private var texts: [() -> String] = []

    mutating func add(_ text: @escaping () -> String) {
        count += 1
        if texts.count < RequestValidator.maximumViolationsListed { texts.append(text) }
    }

    var listed: [String] { texts.map { $0() } }
}
