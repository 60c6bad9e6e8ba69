/// All patterns of a machine compiled into one automaton. A state stands for a
/// set of fields already matched; from it, each transition names a field and a
/// `FieldMatcher` whose conditions lead to next states. A pattern's alternative
/// is one path from the start state, its fields in path order, ending in a state
/// that names the pattern. Patterns sharing leading fields share states, so the
/// work per event follows what the event matches, not how many patterns exist.
struct Automaton: Sendable {
    struct State: Sendable {
        /// Index range into `transitions`.
        var transitions: Range<Int32>
        /// Patterns that match once this state is reached.
        var matchedPatterns: [Int32]
    }

    struct Transition: Sendable {
        var path: Int32
        var matcher: Int32
    }

    let paths: PathIndex
    let states: [State]
    let transitions: [Transition]
    let fieldMatchers: [FieldMatcher]
    let patternNames: [String]

    static let start: Int32 = 0

    /// Compiles `patterns` (name, pattern) into one automaton.
    init(patterns: [(name: String, pattern: EventPattern)]) {
        var builder = Builder()
        for (index, entry) in patterns.enumerated() {
            for alternative in entry.pattern.alternatives {
                builder.add(alternative, pattern: Int32(index))
            }
        }
        (paths, states, transitions, fieldMatchers) = builder.finish()
        patternNames = patterns.map(\.name)
    }
}

extension Automaton {
    /// Accumulates states while patterns are added, then freezes them.
    private struct Builder {
        struct Field {
            var conditions: [ValueMatcher] = []
            var slots: [ValueMatcher: Int32] = [:]
            var targets: [[Int32]] = []
            var absent: [Int32] = []
            /// The state each distinct set of conditions leads to: two alternatives
            /// share a next state only when they ask the same of this field.
            var nextByConditions: [Set<ValueMatcher>: Int32] = [:]
        }

        var paths = PathIndex()
        var fields: [[Int32: Field]] = [[:]]
        var matched: [[Int32]] = [[]]

        mutating func add(_ alternative: [FieldCondition], pattern: Int32) {
            var state = Automaton.start
            for condition in alternative {
                let path = paths.add(condition.path)
                let key = Set(condition.matchers)
                var field = fields[Int(state)][path] ?? Field()
                if let next = field.nextByConditions[key] {
                    state = next
                    continue
                }
                let next = Int32(fields.count)
                fields.append([:])
                matched.append([])
                field.nextByConditions[key] = next
                for matcher in key {
                    if matcher == .exists(false) {
                        field.absent.append(next)
                        continue
                    }
                    let slot: Int32
                    if let existing = field.slots[matcher] {
                        slot = existing
                    } else {
                        slot = Int32(field.conditions.count)
                        field.conditions.append(matcher)
                        field.targets.append([])
                        field.slots[matcher] = slot
                    }
                    field.targets[Int(slot)].append(next)
                }
                fields[Int(state)][path] = field
                state = next
            }
            if !matched[Int(state)].contains(pattern) { matched[Int(state)].append(pattern) }
        }

        func finish() -> (PathIndex, [State], [Transition], [FieldMatcher]) {
            var states: [State] = []
            var transitions: [Transition] = []
            var matchers: [FieldMatcher] = []
            states.reserveCapacity(fields.count)
            for (index, byPath) in fields.enumerated() {
                let first = Int32(transitions.count)
                for (path, field) in byPath.sorted(by: { $0.key < $1.key }) {
                    transitions.append(Transition(path: path, matcher: Int32(matchers.count)))
                    matchers.append(FieldMatcher(conditions: field.conditions, targets: field.targets, absent: field.absent))
                }
                states.append(State(transitions: first..<Int32(transitions.count), matchedPatterns: matched[index]))
            }
            return (paths, states, transitions, matchers)
        }
    }
}
