/// An event as a list of its leaf values, each with the array elements it sits
/// in: the plainest reading of an event, for explaining a match rather than for
/// making one.
struct EventLeaves {
    struct Leaf {
        var path: String
        var value: JSONValue
        /// (array number, index) of every array element around the leaf.
        var elements: [(array: Int, index: Int)]

        /// Whether the two leaves could be fields of one array element: they sit
        /// in the same element of every array around both.
        func agrees(with other: Leaf) -> Bool {
            elements.allSatisfy { element in
                other.elements.allSatisfy { $0.array != element.array || $0.index == element.index }
            }
        }

        /// An array whose different elements hold the two leaves.
        func divergingArray(from other: Leaf) -> Int? {
            for element in elements {
                if let theirs = other.elements.first(where: { $0.array == element.array }), theirs.index != element.index {
                    return element.array
                }
            }
            return nil
        }

        /// The leaf as the value matchers read it.
        func satisfies(_ matcher: ValueMatcher) -> Bool {
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

    let leaves: [Leaf]
    /// The field path of each array, by array number.
    let arrayPaths: [String]

    init(event: JSONValue) {
        var leaves: [Leaf] = []
        var arrayPaths: [String] = []
        func visit(_ value: JSONValue, path: String, elements: [(array: Int, index: Int)]) {
            switch value {
            case .object(let members):
                for member in members {
                    visit(member.value, path: path.isEmpty ? member.key : path + "." + member.key, elements: elements)
                }
            case .array(let items):
                let array = arrayPaths.count
                arrayPaths.append(path)
                for (index, item) in items.enumerated() { visit(item, path: path, elements: elements + [(array, index)]) }
            default:
                leaves.append(Leaf(path: path, value: value, elements: elements))
            }
        }
        visit(event, path: "", elements: [])
        self.leaves = leaves
        self.arrayPaths = arrayPaths
    }

    func leaves(at path: String) -> [Leaf] {
        leaves.filter { $0.path == path }
    }
}
