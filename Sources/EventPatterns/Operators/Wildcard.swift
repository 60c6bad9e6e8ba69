/// `{"wildcard": "arn:aws:events:*:event-bus/*"}`: `*` stands for any run of
/// characters, `\*` and `\\` for themselves. Matches strings only.
struct Wildcard: Hashable, Sendable {
    /// The literal runs between stars.
    var segments: [[UInt8]]
    var leadingStar: Bool
    var trailingStar: Bool
    /// The pattern's bytes with escapes resolved and stars kept as `nil`, as
    /// the complexity measure reads them.
    var tokens: [UInt8?]

    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        guard case .string(let text) = value else {
            throw InvalidEventPattern("wildcard match pattern must be a string")
        }
        return .wildcard(try Wildcard(text))
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
