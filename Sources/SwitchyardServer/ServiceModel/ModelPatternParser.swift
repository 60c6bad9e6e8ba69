/// Reads a model pattern into a syntax tree and compiles the tree into a
/// `ModelPattern` program. Bounded repetitions are written out, so `{1,61}` makes
/// 61 copies; AWS's patterns keep that small.
struct ModelPatternParser {
    indirect enum Node {
        case scalar(ScalarClass)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, minimum: Int, maximum: Int?)
        case textStart, textEnd
        case lookahead(Node, negated: Bool)
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// Java's DOTALL, which `(?s)` turns on: `.` matches line terminators too.
    private var dotMatchesAll = false

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    mutating func parseProgram() throws(ModelPatternError) -> [ModelPattern.Instruction] {
        let tree = try parseAlternation()
        guard position == scalars.count else { throw error("unexpected '\(scalars[position])'") }
        return Self.compile(tree)
    }

    // MARK: Parsing

    private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func error(_ reason: String) -> ModelPatternError {
        ModelPatternError(message: "\(reason) at \(position) of \(String(String.UnicodeScalarView(scalars)))")
    }

    private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        position += 1
        return true
    }

    private mutating func next() throws(ModelPatternError) -> Unicode.Scalar {
        guard let scalar = peek else { throw error("unexpected end") }
        position += 1
        return scalar
    }

    private mutating func parseAlternation() throws(ModelPatternError) -> Node {
        var branches = [try parseSequence()]
        while take("|") { branches.append(try parseSequence()) }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() throws(ModelPatternError) -> Node {
        var items: [Node] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            items.append(try parseQuantified(try parseAtom()))
        }
        return .sequence(items)
    }

    private mutating func parseQuantified(_ atom: Node) throws(ModelPatternError) -> Node {
        var node = atom
        while true {
            let bounds: (Int, Int?)
            if take("*") {
                bounds = (0, nil)
            } else if take("+") {
                bounds = (1, nil)
            } else if take("?") {
                bounds = (0, 1)
            } else if peek == "{" {
                bounds = try parseBounds()
            } else {
                return node
            }
            // A lazy quantifier matches the same texts; a possessive one would not.
            _ = take("?")
            if peek == "+" { throw error("possessive quantifiers are not supported") }
            node = .repetition(node, minimum: bounds.0, maximum: bounds.1)
        }
    }

    private mutating func parseBounds() throws(ModelPatternError) -> (Int, Int?) {
        position += 1
        let minimum = try parseNumber()
        var maximum: Int? = minimum
        if take(",") { maximum = peek == "}" ? nil : try parseNumber() }
        guard take("}") else { throw error("expected '}'") }
        if let maximum, maximum < minimum { throw error("bad repetition bounds") }
        return (minimum, maximum)
    }

    private mutating func parseNumber() throws(ModelPatternError) -> Int {
        var value = 0
        var digits = 0
        while let scalar = peek, let digit = Int(String(scalar)), scalar.isASCII {
            value = value * 10 + digit
            digits += 1
            position += 1
            guard value <= 1_000 else { throw error("repetition too large") }
        }
        guard digits > 0 else { throw error("expected a number") }
        return value
    }

    private mutating func parseAtom() throws(ModelPatternError) -> Node {
        let scalar = try next()
        switch scalar {
        case "(":
            var node: Node
            if take("?") {
                if scalars[position...].starts(with: ["s", ")"]) {
                    position += 2
                    // AWS's patterns set the flag once, at their start; it holds to the end.
                    dotMatchesAll = true
                    return .sequence([])
                } else if take(":") {
                    node = try parseAlternation()
                } else if take("=") || peek == "!" {
                    let negated = take("!")
                    node = .lookahead(try parseAlternation(), negated: negated)
                } else {
                    throw error("unsupported group")
                }
            } else {
                node = try parseAlternation()
            }
            guard take(")") else { throw error("expected ')'") }
            return node
        case "[": return .scalar(try parseClass())
        case ".": return .scalar(dotMatchesAll ? .any : .anyButLineTerminator)
        case "^": return .textStart
        case "$": return .textEnd
        case "\\": return .scalar(try parseEscape(inClass: false))
        case "*", "+", "?", "{": throw error("nothing to repeat")
        default: return .scalar(.single(scalar))
        }
    }

    /// A bracketed class, after its `[`.
    private mutating func parseClass() throws(ModelPatternError) -> ScalarClass {
        var result = ScalarClass(items: [], negated: take("^"))
        var first = true
        while true {
            let scalar = try next()
            if scalar == "]", !first { return result }
            first = false
            let low: ScalarClass
            switch scalar {
            case "[": low = try parseClass()
            case "\\": low = try parseEscape(inClass: true)
            default: low = .single(scalar)
            }
            // `a-z` is a range; a `-` after a class escape or before `]` is itself.
            if let lowScalar = low.singleScalar, peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                let highScalar = try next()
                let high = highScalar == "\\" ? try parseEscape(inClass: true) : .single(highScalar)
                guard let upper = high.singleScalar, upper.value >= lowScalar.value else { throw error("bad range") }
                result.items.append(.range(lowScalar.value...upper.value))
            } else {
                result.items.append(.nested(low))
            }
        }
    }

    /// What follows a backslash: a predefined class, a hexadecimal or control
    /// escape, or a character taken as itself.
    private mutating func parseEscape(inClass: Bool) throws(ModelPatternError) -> ScalarClass {
        let scalar = try next()
        switch scalar {
        case "d": return ScalarClass(items: [.property(.digit, negated: false)])
        case "D": return ScalarClass(items: [.property(.digit, negated: true)])
        case "w": return ScalarClass(items: [.property(.word, negated: false)])
        case "W": return ScalarClass(items: [.property(.word, negated: true)])
        case "s": return ScalarClass(items: [.property(.space, negated: false)])
        case "S": return ScalarClass(items: [.property(.space, negated: true)])
        case "p", "P": return ScalarClass(items: [.property(try parsePropertyName(), negated: scalar == "P")])
        case "t": return .single("\t")
        case "n": return .single("\n")
        case "r": return .single("\r")
        case "f": return .single("\u{0C}")
        case "x":
            var value: UInt32 = 0
            for _ in 0..<2 {
                guard let digit = UInt32(String(try next()), radix: 16) else { throw error("bad hexadecimal escape") }
                value = value * 16 + digit
            }
            return .single(Unicode.Scalar(value)!)
        default:
            guard !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else {
                throw error("unsupported escape \\\(scalar)")
            }
            return .single(scalar)
        }
    }

    private mutating func parsePropertyName() throws(ModelPatternError) -> ScalarClass.Property {
        guard take("{") else { throw error("expected '{'") }
        var name = ""
        while let scalar = peek, scalar != "}" {
            name.unicodeScalars.append(scalar)
            position += 1
        }
        guard take("}") else { throw error("expected '}'") }
        switch name {
        case "L": return .letter
        case "N": return .number
        case "Z": return .separator
        default: throw error("unsupported property \(name)")
        }
    }

    // MARK: Compiling

    static func compile(_ tree: Node) -> [ModelPattern.Instruction] {
        var program: [ModelPattern.Instruction] = []
        emit(tree, into: &program)
        program.append(.match)
        return program
    }

    private static func emit(_ node: Node, into program: inout [ModelPattern.Instruction]) {
        switch node {
        case .scalar(let set):
            program.append(.scalar(set))
        case .sequence(let items):
            for item in items { emit(item, into: &program) }
        case .textStart:
            program.append(.textStart)
        case .textEnd:
            program.append(.textEnd)
        case .lookahead(let inner, let negated):
            program.append(.lookahead(ModelPattern(program: compile(inner)), negated: negated))
        case .alternation(let branches):
            // split L1, next; L1: branch; jump end; next: split …
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = program.count
                    program.append(.split(0, 0))
                    emit(branch, into: &program)
                    jumps.append(program.count)
                    program.append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    emit(branch, into: &program)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let inner, let minimum, let maximum):
            for _ in 0..<minimum { emit(inner, into: &program) }
            if let maximum {
                // Each optional copy may end the repetition.
                var exits: [Int] = []
                for _ in minimum..<maximum {
                    exits.append(program.count)
                    program.append(.split(0, 0))
                    emit(inner, into: &program)
                }
                for exit in exits { program[exit] = .split(exit + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(0, 0))
                emit(inner, into: &program)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}

extension ScalarClass {
    /// The one scalar this class is, when it was written as one: the ends of a range.
    var singleScalar: Unicode.Scalar? {
        guard !negated, items.count == 1, case .range(let range) = items[0], range.count == 1 else { return nil }
        return Unicode.Scalar(range.lowerBound)
    }
}
