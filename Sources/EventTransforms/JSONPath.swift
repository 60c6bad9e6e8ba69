public import EventPatterns

/// The JSONPath subset EventBridge evaluates in `InputPath` and `InputPathsMap`:
/// `$`, dot and bracket member names, array indices and the `*` wildcard.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        case member(String)
        case index(Int)
        case wildcard
    }

    public let description: String
    let steps: [Step]

    public init(_ text: String) throws(InvalidJSONPath) {
        description = text
        steps = try Self.steps(of: Array(text.unicodeScalars), text: text)
    }

    /// The value the path selects, or nil when the event has nothing there. A path
    /// with a wildcard selects the list of everything it reaches.
    public func evaluate(in document: JSONValue) -> JSONValue? {
        var selected = [document]
        for step in steps {
            selected = selected.flatMap { value -> [JSONValue] in
                switch (step, value) {
                case (.member(let name), .object):
                    return value[name].map { [$0] } ?? []
                case (.index(let index), .array(let elements)):
                    return elements.indices.contains(index) ? [elements[index]] : []
                case (.wildcard, .array(let elements)):
                    return elements
                case (.wildcard, .object(let members)):
                    return members.map(\.value)
                default:
                    return []
                }
            }
        }
        if steps.contains(.wildcard) { return selected.isEmpty ? nil : .array(selected) }
        return selected.first
    }

    private static func steps(of scalars: [Unicode.Scalar], text: String) throws(InvalidJSONPath) -> [Step] {
        guard scalars.first == "$" else { throw InvalidJSONPath(path: text) }
        var steps: [Step] = []
        var position = 1
        while position < scalars.count {
            switch scalars[position] {
            case ".":
                position += 1
                let start = position
                while position < scalars.count, scalars[position] != ".", scalars[position] != "[" { position += 1 }
                let name = String(String.UnicodeScalarView(scalars[start..<position]))
                guard !name.isEmpty else { throw InvalidJSONPath(path: text) }
                steps.append(name == "*" ? .wildcard : .member(name))
            case "[":
                guard let close = scalars[position...].firstIndex(of: "]") else { throw InvalidJSONPath(path: text) }
                let inside = String(String.UnicodeScalarView(scalars[(position + 1)..<close]))
                steps.append(try bracketStep(inside, text: text))
                position = close + 1
            default:
                throw InvalidJSONPath(path: text)
            }
        }
        return steps
    }

    private static func bracketStep(_ inside: String, text: String) throws(InvalidJSONPath) -> Step {
        if inside == "*" { return .wildcard }
        if let index = Int(inside), index >= 0 { return .index(index) }
        for quote in ["'", "\""] where inside.count >= 2 && inside.hasPrefix(quote) && inside.hasSuffix(quote) {
            return .member(String(inside.dropFirst().dropLast()))
        }
        throw InvalidJSONPath(path: text)
    }
}

/// A path EventBridge would not accept in `InputPath` or `InputPathsMap`.
public struct InvalidJSONPath: Error, Sendable, Equatable {
    public var path: String
}
