/// `{"wildcard": "arn:aws:events:*:event-bus/*"}`: `*` stands for any run of
/// characters, `\*` and `\\` for themselves. Matches strings only.
struct Wildcard: Hashable, Sendable {
    /// The literal runs between stars.
    var segments: [[UInt8]]
    var leadingStar: Bool
    var trailingStar: Bool
    /// The pattern's bytes with escapes resolved and stars kept as `nil`, used
    /// to measure complexity.
    var tokens: [UInt8?]

    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        guard case .string(let text) = value else {
            throw InvalidEventPattern("wildcard match pattern must be a string")
        }
        let wildcard = try Wildcard(text)
        try checkComplexity([wildcard])
        return .wildcard(wildcard)
    }

    init(_ text: String) throws(InvalidEventPattern) {
        let bytes = Array(text.utf8)
        var tokens: [UInt8?] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "*") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                    throw InvalidEventPattern("Consecutive wildcard characters at pos \(index)")
                }
                tokens.append(nil)
            } else if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count,
                      bytes[index + 1] == UInt8(ascii: "*") || bytes[index + 1] == UInt8(ascii: "\\") else {
                    throw InvalidEventPattern("Invalid escape character at pos \(index)")
                }
                tokens.append(bytes[index + 1])
                index += 1
            } else {
                tokens.append(byte)
            }
            index += 1
        }
        var segments: [[UInt8]] = [[]]
        for token in tokens {
            if let byte = token { segments[segments.count - 1].append(byte) } else { segments.append([]) }
        }
        self.tokens = tokens
        self.leadingStar = tokens.first.map { $0 == nil } ?? false
        self.trailingStar = tokens.count > 0 && tokens.last! == nil
        self.segments = segments.filter { !$0.isEmpty }
    }

    func matches(_ value: EventValue) -> Bool {
        guard value.kind == .string else { return false }
        return value.withBytes { matches($0) }
    }

    /// Leftmost-first placement of each literal run is exact for patterns whose
    /// only operator is `*`.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard leadingStar || trailingStar || segments.count > 1 else {
            return bytes.elementsEqual(segments.first ?? [])
        }
        // The segments between the first and last star, found left to right.
        var inner = segments.indices
        var low = 0
        var high = bytes.count
        if !leadingStar, let first = inner.popFirst() {
            guard Self.hasPrefix(bytes, segments[first], at: 0) else { return false }
            low = segments[first].count
        }
        if !trailingStar, let last = inner.popLast() {
            let start = high - segments[last].count
            guard start >= low, Self.hasPrefix(bytes, segments[last], at: start) else { return false }
            high = start
        }
        for index in inner {
            guard let found = Self.find(segments[index], in: bytes, from: low, before: high) else { return false }
            low = found + segments[index].count
        }
        return true
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + literal.count <= bytes.count else { return false }
        for (index, byte) in literal.enumerated() where bytes[offset + index] != byte { return false }
        return true
    }

    private static func find(_ literal: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int? {
        guard end - start >= literal.count else { return nil }
        var offset = start
        while offset + literal.count <= end {
            if bytes[offset] == literal[0], hasPrefix(bytes, literal, at: offset) { return offset }
            offset += 1
        }
        return nil
    }
}

extension Wildcard {
    /// AWS refuses wildcard sets that could keep too many partial matches alive at
    /// once: the most automaton states any input can occupy together, over every
    /// wildcard on one field of a rule. Six is the largest count AWS accepts in
    /// the recorded cases (`*/init/*` with `*/dir/*` is accepted at 6, while
    /// `*:*:*:*:*:event-bus/*` at 7 and four `*.ext` suffixes at 8 are refused).
    static let complexityLimit = 6

    static func checkComplexity(_ wildcards: [Wildcard]) throws(InvalidEventPattern) {
        if complexity(of: wildcards) > complexityLimit {
            throw InvalidEventPattern(
                "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character")
        }
    }

    /// Explores every reachable set of NFA positions (the states of the subset
    /// construction) and returns the weight of the largest.
    static func complexity(of wildcards: [Wildcard]) -> Int {
        let patterns = wildcards.map(\.tokens)
        guard patterns.contains(where: { $0.contains(nil) }) else { return 0 }
        var alphabet = Set<UInt8>()
        for tokens in patterns { for case let byte? in tokens { alphabet.insert(byte) } }
        let other: UInt8? = (0...255).map(UInt8.init).first { !alphabet.contains($0) }
        var symbols = Array(alphabet)
        if let other { symbols.append(other) }

        typealias Position = Int  // pattern index << 16 | token index
        func closure(_ positions: Set<Position>) -> Set<Position> {
            var result = positions
            var pending = Array(positions)
            while let position = pending.popLast() {
                let tokens = patterns[position >> 16]
                let index = position & 0xFFFF
                if index < tokens.count, tokens[index] == nil, result.insert(position + 1).inserted {
                    pending.append(position + 1)
                }
            }
            return result
        }
        func step(_ positions: Set<Position>, _ byte: UInt8) -> Set<Position> {
            var next = Set<Position>()
            for position in positions {
                let tokens = patterns[position >> 16]
                let index = position & 0xFFFF
                if index < tokens.count, let literal = tokens[index], literal == byte { next.insert(position + 1) }
                if index > 0, tokens[index - 1] == nil { next.insert(position) }
            }
            return closure(next)
        }
        // A position just before a star is the same byte-machine state as the
        // star's loop, so only the others count.
        func weight(_ positions: Set<Position>) -> Int {
            positions.reduce(0) { total, position in
                let tokens = patterns[position >> 16]
                let index = position & 0xFFFF
                return total + (index < tokens.count && tokens[index] == nil ? 0 : 1)
            }
        }
        let start = closure(Set(patterns.indices.map { $0 << 16 }))
        var seen: Set<Set<Position>> = [start]
        var pending = [start]
        var largest = weight(start)
        while let current = pending.popLast() {
            for symbol in symbols {
                let next = step(current, symbol)
                guard !next.isEmpty, seen.insert(next).inserted else { continue }
                largest = max(largest, weight(next))
                if largest > complexityLimit || seen.count > 10_000 { return largest }
                pending.append(next)
            }
        }
        return largest
    }
}
