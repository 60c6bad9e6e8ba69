@testable import EventPatterns

/// The plainest reading of a parsed pattern: list every leaf value of the event
/// with the array elements it sits in, then, for each alternative, try every
/// choice of leaves for its fields in walking order, keeping only choices whose
/// leaves agree on the element of every array they share. Slow and obviously
/// right; the compiled machine must agree with it.
struct ReferenceEvaluator {
    struct Leaf {
        var path: String
        var value: JSONValue
        /// (array number, index) of every array element around the leaf.
        var elements: [(array: Int, index: Int)]
    }

    let leaves: [Leaf]

    init(event: JSONValue) {
        var leaves: [Leaf] = []
        var arrays = 0
        func visit(_ value: JSONValue, path: String, elements: [(array: Int, index: Int)]) {
            switch value {
            case .object(let members):
                for member in members {
                    visit(member.value, path: path.isEmpty ? member.key : path + "." + member.key, elements: elements)
                }
            case .array(let items):
                let array = arrays
                arrays += 1
                for (index, item) in items.enumerated() { visit(item, path: path, elements: elements + [(array, index)]) }
            default:
                leaves.append(Leaf(path: path, value: value, elements: elements))
            }
        }
        visit(event, path: "", elements: [])
        self.leaves = leaves
    }

    func matches(_ pattern: EventPattern) -> Bool {
        pattern.alternatives.contains { alternative in
            let fields = alternative.sorted { first, second in
                let (firstDepth, secondDepth) = (first.path.count { $0 == "." }, second.path.count { $0 == "." })
                return firstDepth != secondDepth ? firstDepth < secondDepth : first.path < second.path
            }
            return search(fields[...], chosen: [])
        }
    }

    private func search(_ fields: ArraySlice<FieldCondition>, chosen: [Leaf]) -> Bool {
        guard let field = fields.first else { return true }
        let rest = fields.dropFirst()
        let candidates = leaves.filter { leaf in leaf.path == field.path && chosen.allSatisfy { Self.agree(leaf, $0) } }
        for matcher in field.matchers {
            if matcher == .exists(false) {
                if candidates.isEmpty, search(rest, chosen: chosen) { return true }
                continue
            }
            for leaf in candidates where Self.satisfies(matcher, leaf.value) {
                if search(rest, chosen: chosen + [leaf]) { return true }
            }
        }
        return false
    }

    private static func agree(_ first: Leaf, _ second: Leaf) -> Bool {
        first.elements.allSatisfy { element in
            second.elements.allSatisfy { $0.array != element.array || $0.index == element.index }
        }
    }

    private static func satisfies(_ matcher: ValueMatcher, _ value: JSONValue) -> Bool {
        let (kind, text): (EventValue.Kind, String) = switch value {
        case .string(let string): (.string, string)
        case .number(let number): (.number, number.text)
        case .bool(true): (.true, "true")
        case .bool(false): (.false, "false")
        default: (.null, "null")
        }
        return Array(text.utf8).withUnsafeBufferPointer { matcher.matches(EventValue(kind: kind, bytes: $0)) }
    }
}
