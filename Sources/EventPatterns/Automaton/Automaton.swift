/// All patterns of a machine compiled into one automaton. A state stands for a
/// set of fields already matched; from it, each transition names a field and a
/// `FieldMatcher` whose conditions lead to next states. A pattern's alternative
/// is one path from the start state, its fields in walking order (`walksBefore`),
/// ending where its last field completes it. Patterns sharing leading fields share
/// states, so the work per event follows what the event matches, not how many
/// patterns exist.
/// Immutable and shared by reference: matchers hold the snapshot they match with.
final class Automaton: Sendable {
    struct State: Sendable {
        /// Index range into `transitions`, as bounds: a `Range` is not `BitwiseCopyable`.
        var firstTransition: Int32
        var endTransition: Int32

        var transitions: Range<Int32> { firstTransition..<endTransition }
    }

    struct Transition: Sendable {
        var path: Int32
        var matcher: Int32
    }

    let paths: PathIndex
    let states: FrozenArray<State>
    let transitions: FrozenArray<Transition>
    let fieldMatchers: [FieldMatcher]
    /// By state: the paths read by it and the states after it (`PathIndex.bit`).
    /// A match compares this with the paths an event has inside arrays.
    let pathsBelow: FrozenArray<UInt64>
    /// By transition: the paths read by the states it leads to and after them.
    let pathsAfter: FrozenArray<UInt64>
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
        let (paths, states, transitions, fieldMatchers) = builder.finish()
        // A next state is always created after the state it follows, so one pass
        // from the last state back sees every state's successors first.
        var pathsBelow = [UInt64](repeating: 0, count: states.count)
        var pathsAfter = [UInt64](repeating: 0, count: transitions.count)
        for state in states.indices.reversed() {
            for index in states[state].transitions {
                let transition = transitions[Int(index)]
                fieldMatchers[Int(transition.matcher)].forEachNextState { pathsAfter[Int(index)] |= pathsBelow[Int($0)] }
                pathsBelow[state] |= PathIndex.bit(transition.path) | pathsAfter[Int(index)]
            }
        }
        self.paths = paths
        self.states = FrozenArray(states)
        self.transitions = FrozenArray(transitions)
        self.fieldMatchers = fieldMatchers
        self.pathsBelow = FrozenArray(pathsBelow)
        self.pathsAfter = FrozenArray(pathsAfter)
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

            mutating func add(_ conditions: Set<ValueMatcher>, leadingTo next: Int32) {
                nextByConditions[conditions] = next
                for matcher in conditions {
                    if matcher == .exists(false) {
                        absent.append(next)
                        continue
                    }
                    let slot = slots[matcher] ?? {
                        let created = Int32(self.conditions.count)
                        self.conditions.append(matcher)
                        targets.append([])
                        slots[matcher] = created
                        return created
                    }()
                    targets[Int(slot)].append(next)
                }
            }
        }

        var paths = PathIndex()
        var fields: [[Int32: Field]] = [[:]]
        var matched: [[Int32]] = [[]]

        mutating func add(_ alternative: [FieldCondition], pattern: Int32) {
            // Patterns are completed by the fields that reach them (`FieldMatcher.outcomes`).
            precondition(!alternative.isEmpty, "a pattern names at least one field")
            var state = Automaton.start
            var read: [Int32] = []
            for condition in alternative.sorted(by: Self.walksBefore) {
                let path = paths.add(condition.path)
                read.append(path)
                state = step(from: state, path: path, conditions: Set(condition.matchers))
            }
            paths.noteReadTogether(read)
            if !matched[Int(state)].contains(pattern) { matched[Int(state)].append(pattern) }
        }

        /// The order of a pattern's fields along its path through the automaton:
        /// shallowest first, then by name. Any fixed order is correct, but deeper
        /// fields more often sit in arrays or in an event's last value, which a
        /// checked event's scan defers; a pattern whose shallower fields fail
        /// never reads them. (EventBridge's `detail` comes last in the envelope,
        /// after `source` and `detail-type`.)
        private static func walksBefore(_ first: FieldCondition, _ second: FieldCondition) -> Bool {
            let firstDepth = first.path.utf8.count { $0 == UInt8(ascii: ".") }
            let secondDepth = second.path.utf8.count { $0 == UInt8(ascii: ".") }
            return firstDepth != secondDepth ? firstDepth < secondDepth : first.path < second.path
        }

        /// The state after `conditions` on `path`, created when no alternative asked the same before.
        private mutating func step(from state: Int32, path: Int32, conditions: Set<ValueMatcher>) -> Int32 {
            if let next = fields[Int(state)][path]?.nextByConditions[conditions] { return next }
            let next = Int32(fields.count)
            fields.append([:])
            matched.append([])
            // Mutated in place: copying a field out would copy its tables once per pattern.
            fields[Int(state)][path, default: Field()].add(conditions, leadingTo: next)
            return next
        }

        /// What reaching `states` amounts to: the patterns they complete (as
        /// `~pattern`), and those of them that have fields still to match. A state
        /// with none is never visited.
        private func outcomes(_ states: [Int32]) -> [Int32] {
            var outcomes: [Int32] = []
            var completed = Set<Int32>()
            for state in states {
                for pattern in matched[Int(state)] where completed.insert(pattern).inserted { outcomes.append(~pattern) }
                if !fields[Int(state)].isEmpty { outcomes.append(state) }
            }
            return outcomes
        }

        func finish() -> (PathIndex, [State], [Transition], [FieldMatcher]) {
            var states: [State] = []
            var transitions: [Transition] = []
            var matchers: [FieldMatcher] = []
            states.reserveCapacity(fields.count)
            for byPath in fields {
                let first = Int32(transitions.count)
                for (path, field) in byPath.sorted(by: { $0.key < $1.key }) {
                    transitions.append(Transition(path: path, matcher: Int32(matchers.count)))
                    matchers.append(FieldMatcher(
                        conditions: field.conditions, outcomes: field.targets.map(outcomes), absent: outcomes(field.absent)))
                }
                states.append(State(firstTransition: first, endTransition: Int32(transitions.count)))
            }
            return (paths, states, transitions, matchers)
        }
    }
}
