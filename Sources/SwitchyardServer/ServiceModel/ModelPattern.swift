/// A service model's `pattern` constraint, compiled into a Thompson automaton and
/// matched by following every state at once (a Pike machine without captures).
///
/// Why not `Regex`: a backtracking engine takes exponential time on patterns like
/// `^[ \t]*[^\x00-\x1F:\x7F]+([ \t]+[^\x00-\x1F:\x7F]+)*[ \t]*$` fed `"a a a … \u{1}"`,
/// so one header value could hold a core for minutes. Here the work is at most the
/// text's length times the program's size, and programs are a few hundred steps.
///
/// The language is what AWS's models use, read with Java's meanings (AWS validates
/// in Java): classes with ranges and escapes, `\d \w \s` in ASCII, `\p{L} \p{N} \p{Z}`,
/// `.` not matching line terminators, groups, alternation, greedy quantifiers
/// including `{n,m}`, `^`, `$`, and lookaheads. The whole text must match, as Java's
/// `String.matches` requires.
struct ModelPattern: Sendable {
    indirect enum Instruction: Sendable {
        /// Consumes one scalar of the class.
        case scalar(ScalarClass)
        case split(Int, Int)
        case jump(Int)
        case textStart
        /// The end, or just before a final line terminator, as Java's `$`.
        case textEnd
        /// Continues only if `pattern` matches (or, negated, does not match) some
        /// prefix of the rest of the text.
        case lookahead(ModelPattern, negated: Bool)
        case match
    }

    let program: [Instruction]

    init(_ source: String) throws(ModelPatternError) {
        var parser = ModelPatternParser(source)
        program = try parser.parseProgram()
    }

    init(program: [Instruction]) {
        self.program = program
    }

    /// Whether the whole of `text` matches.
    func matches(_ text: String) -> Bool {
        run(Array(text.unicodeScalars), from: 0, wholeText: true)
    }

    /// Runs the program from `start`: with `wholeText`, whether it reaches `match`
    /// exactly at the end; otherwise whether it reaches `match` anywhere.
    private func run(_ scalars: [Unicode.Scalar], from start: Int, wholeText: Bool) -> Bool {
        var current = StateSet(capacity: program.count)
        var next = StateSet(capacity: program.count)
        var stack: [Int] = []
        var position = start
        add(0, at: position, in: scalars, to: &current, stack: &stack)
        while true {
            if current.contains(program.count - 1), !wholeText || position == scalars.count { return true }
            guard position < scalars.count, !current.isEmpty else { return false }
            let scalar = scalars[position]
            position += 1
            next.removeAll()
            for state in current.members {
                if case .scalar(let set) = program[state], set.contains(scalar) {
                    add(state + 1, at: position, in: scalars, to: &next, stack: &stack)
                }
            }
            swap(&current, &next)
        }
    }

    /// Adds `state` and every state it reaches without consuming a scalar.
    private func add(_ state: Int, at position: Int, in scalars: [Unicode.Scalar], to set: inout StateSet, stack: inout [Int]) {
        stack.append(state)
        while let state = stack.popLast() {
            guard set.insert(state) else { continue }
            switch program[state] {
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .jump(let target):
                stack.append(target)
            case .textStart:
                if position == 0 { stack.append(state + 1) }
            case .textEnd:
                let atEnd = position == scalars.count
                    || (position == scalars.count - 1 && ScalarClass.isLineTerminator(scalars[position]))
                if atEnd { stack.append(state + 1) }
            case .lookahead(let pattern, let negated):
                if pattern.run(scalars, from: position, wholeText: false) != negated { stack.append(state + 1) }
            case .scalar, .match:
                break
            }
        }
    }
}

/// The states of a run, as a list for iteration and a mark per state for
/// membership; cleared in time proportional to its size.
private struct StateSet {
    private(set) var members: [Int] = []
    private var marked: [Bool]

    init(capacity: Int) {
        marked = Array(repeating: false, count: capacity)
        members.reserveCapacity(capacity)
    }

    var isEmpty: Bool { members.isEmpty }

    func contains(_ state: Int) -> Bool { marked[state] }

    mutating func insert(_ state: Int) -> Bool {
        guard !marked[state] else { return false }
        marked[state] = true
        members.append(state)
        return true
    }

    mutating func removeAll() {
        for state in members { marked[state] = false }
        members.removeAll(keepingCapacity: true)
    }
}

struct ModelPatternError: Error, Sendable {
    let message: String
}
