/// The byte automaton event-ruler (the engine behind EventBridge) builds for the
/// wildcard patterns on one field, reproduced state for state because AWS's
/// "Rule is too complex" limit is a measure of that automaton's shape: which
/// states are shared between patterns, and which transitions an empty run of a
/// `*` adds, decide the answer. Only what the measure reads is kept; matching
/// itself never runs on this machine.
struct WildcardMachine {
    /// One input character of a pattern value: a byte, or a `*`.
    enum Character: Equatable {
        case byte(UInt8)
        case star
    }

    /// A transition as event-ruler models it: a state (a state is also the
    /// transition into itself), a match that ends a pattern, or both at once.
    struct Transition {
        var nextState: Int?
        var pattern: Int?
    }

    struct State {
        var transitions: [UInt8: [Int]] = [:]
        /// Transitions taken on every byte, in addition to the byte's own.
        var forAllBytes: [Int] = []
        /// More than one input can reach this state (a `*` lies before it), so
        /// another pattern cannot share it.
        var hasIndeterminatePrefix = false
    }

    private(set) var states: [State] = [State()]
    private(set) var transitions: [Transition] = []
    /// State 0 is the start state; state `i` is also transition `stateTransition[i]`.
    private var stateTransition: [Int] = [-1]
    static let start = 0

    // MARK: Building

    /// Adds one value of a pattern, spelled as `characters(of:quoted:)` spells it.
    mutating func add(_ characters: [Character], pattern: Int) {
        guard !characters.isEmpty else { return }
        var state = Self.start
        var previous: Int?
        var index = 0
        while index < characters.count - 1 {
            let nextStates = transitionsOn(characters[index], from: state).compactMap { transitions[$0].nextState }
            guard let reusable = nextStates.first(where: { canReuse($0, from: state, characters, index) }) else { break }
            previous = state
            state = reusable
            index += 1
        }
        addEnd(of: characters, from: index, at: state, previous: previous, pattern: pattern)
    }

    private func canReuse(_ next: Int, from state: Int, _ characters: [Character], _ index: Int) -> Bool {
        guard next != state else { return false }
        if !states[next].hasIndeterminatePrefix {
            return !(index == characters.count - 2 && characters[index + 1] == .star)
        }
        return !pathsConverge(from: state, characters, index)
    }

    /// Whether two routes out of `state`, one on this character, may meet again:
    /// a `*` that a following byte can skip, or the two cases of a letter
    /// (event-ruler assumes they may for any letter, whatever the machine holds).
    private func pathsConverge(from state: Int, _ characters: [Character], _ index: Int) -> Bool {
        guard case .byte(let first) = characters[index], !UTF8.isContinuation(first) else { return false }
        if states[state].forAllBytes.contains(where: { $0 != stateTransition[state] }) { return true }
        let text = String(decoding: Self.characterBytes(characters, from: index), as: UTF8.self)
        return text.lowercased() != text.uppercased()
    }

    private mutating func addEnd(
        of characters: [Character], from start: Int, at startState: Int, previous startPrevious: Int?, pattern: Int
    ) {
        var state = startState
        var previous = startPrevious
        let length = characters.count
        if length == 1, characters[0] == .star { return }
        var index = start
        while index < length - 1 {
            if index == length - 2, characters[index + 1] == .star { break }
            let candidates = transitionsOn(characters[index], from: state)
            if candidates.isEmpty { break }
            if let next = nextState(of: candidates) {
                if states[next].hasIndeterminatePrefix { break }
                previous = state
                state = next
            } else {
                // A pattern ends here and this one goes on: give its match a next state.
                let fresh = newState(indeterminate: states[state].hasIndeterminatePrefix)
                replace(candidates[0], on: characters[index], in: state, withNextState: fresh)
                previous = state
                state = fresh
            }
            index += 1
        }
        while index < length - 1 {
            let next = nextStateOrNew(from: state, previous: previous, characters, index, pattern: pattern)
            previous = state
            state = next
            index += 1
        }
        insertMatch(characters, length - 1, at: state, previous: previous, pattern: pattern)
    }

    private mutating func nextStateOrNew(
        from state: Int, previous: Int?, _ characters: [Character], _ index: Int, pattern: Int
    ) -> Int {
        if let next = nextState(of: transitionsOn(characters[index], from: state)),
           !states[next].hasIndeterminatePrefix,
           !(index == characters.count - 2 && characters[index + 1] == .star) {
            return next
        }
        let next = newState(indeterminate: states[state].hasIndeterminatePrefix)
        switch characters[index] {
        case .star:
            // The star gets a state of its own that loops on every byte, so
            // other patterns through `state` never see the loop.
            states[next].forAllBytes.append(stateTransition[next])
            states[next].hasIndeterminatePrefix = true
            states[state].forAllBytes.append(stateTransition[next])
        case .byte(let byte):
            var single = stateTransition[next]
            if index == characters.count - 2, characters[index + 1] == .star {
                single = newTransition(Transition(nextState: next, pattern: pattern))
                states[next].hasIndeterminatePrefix = true
            }
            states[state].transitions[byte, default: []].append(single)
            if let previous, index > 0, characters[index - 1] == .star {
                states[previous].transitions[byte, default: []].append(single)
            }
        }
        return next
    }

    private mutating func insertMatch(
        _ characters: [Character], _ index: Int, at state: Int, previous: Int?, pattern: Int
    ) {
        let existing = transitionsOn(characters[index], from: state)
        if existing.contains(where: { transitions[$0].pattern == pattern }) { return }
        switch characters[index] {
        case .star:
            // A trailing star: the composite that ends the pattern one byte early
            // gets a copy of itself on every byte.
            guard let previous, case .byte(let byte) = characters[index - 1],
                  let composite = states[previous].transitions[byte]?.first(where: { transitions[$0].nextState == state })
            else { return }
            let copy = newTransition(transitions[composite])
            states[state].forAllBytes.append(copy)
            states[state].hasIndeterminatePrefix = true
        case .byte(let byte):
            let match = newTransition(Transition(nextState: nil, pattern: pattern))
            states[state].transitions[byte, default: []].append(match)
            if let previous, index == characters.count - 1, index > 0, characters[index - 1] == .star {
                states[previous].transitions[byte, default: []].append(match)
            }
        }
    }

    private mutating func replace(_ transition: Int, on character: Character, in state: Int, withNextState next: Int) {
        guard case .byte(let byte) = character else { return }
        let replacement = newTransition(Transition(nextState: next, pattern: transitions[transition].pattern))
        states[state].transitions[byte] = states[state].transitions[byte, default: []].map {
            $0 == transition ? replacement : $0
        }
    }

    private mutating func newState(indeterminate: Bool) -> Int {
        states.append(State(hasIndeterminatePrefix: indeterminate))
        let index = states.count - 1
        stateTransition.append(newTransition(Transition(nextState: index, pattern: nil)))
        return index
    }

    private mutating func newTransition(_ transition: Transition) -> Int {
        transitions.append(transition)
        return transitions.count - 1
    }

    // MARK: Reading

    /// The transitions out of `state` on a character: a byte's own and every
    /// all-bytes transition, or for a star only the all-bytes ones.
    func transitionsOn(_ character: Character, from state: Int) -> [Int] {
        switch character {
        case .star:
            return states[state].forAllBytes
        case .byte(let byte):
            let own = states[state].transitions[byte] ?? []
            return own + states[state].forAllBytes.filter { !own.contains($0) }
        }
    }

    /// A next state of the set, preferring one another pattern may share.
    private func nextState(of candidates: [Int]) -> Int? {
        let next = candidates.compactMap { transitions[$0].nextState }
        return next.first { !states[$0].hasIndeterminatePrefix } ?? next.first
    }

    private static func characterBytes(_ characters: [Character], from index: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for character in characters[index...] {
            guard case .byte(let byte) = character else { break }
            if !bytes.isEmpty, !UTF8.isContinuation(byte) { break }
            bytes.append(byte)
        }
        return bytes
    }
}

extension WildcardMachine {
    /// A wildcard's value as event-ruler stores it, with `\*` and `\\` standing
    /// for themselves: string values are held `"`-quoted, anything-but sets not.
    static func characters(of wildcard: Wildcard, quoted: Bool) -> [Character] {
        let characters = wildcard.tokens.map { $0.map(Character.byte) ?? .star }
        let quote = Character.byte(UInt8(ascii: "\""))
        return quoted ? [quote] + characters + [quote] : characters
    }
}
