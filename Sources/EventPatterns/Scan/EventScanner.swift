import CJSONBlocks

/// Reads an event's UTF-8 bytes once and records the leaf values found at the
/// paths some pattern reads. Everything else is skipped without building values.
///
/// With `EventValidation.full` the whole event is read and must be valid JSON.
/// An event already checked (`JSONValue.hasPlainKeys`) is read only as far as
/// the last member a pattern names, and what it skips is not checked again:
/// strings eight bytes at a time, objects and arrays 64 bytes at a time.
struct EventScanner {
    /// AWS's nesting limit for event JSON.
    static let maximumDepth = 1_000

    let input: UnsafeBufferPointer<UInt8>
    private let paths: PathIndex.Reader
    private let checksSyntax: Bool
    private var position = 0
    /// What the scan found. The caller swaps its buffers in before and out after.
    var output = ScanOutput()
    private var nextArray: Int32 = 0
    /// Set once the rest of a checked event cannot matter.
    private var finished = false

    init(input: UnsafeBufferPointer<UInt8>, paths: PathIndex.Reader, validation: EventValidation) {
        self.input = input
        self.paths = paths
        self.checksSyntax = validation == .full
    }

    /// Scans the event, leaving the fields it found in `output`; a checked event
    /// may leave its last value needed deferred (`ScanOutput.deferred`).
    mutating func scan() throws(EventSyntaxError) {
        output.reset()
        skipWhitespace()
        guard position < input.count else { throw error("the event is empty") }
        guard input[position] == UInt8(ascii: "{") else { throw error("the event must be a JSON object") }
        try scanObject(node: PathIndex.root, depth: 1, endsScan: !checksSyntax)
        guard checksSyntax else { return }
        skipWhitespace()
        if position < input.count { throw error("unexpected data after the end of the object") }
    }

    /// Reads the value the scan deferred (`ScanOutput.deferred`), because a match
    /// needs a field inside it. It may in turn defer the last value inside it.
    mutating func resume() throws(EventSyntaxError) {
        guard let deferred = output.takeDeferred() else { return }
        finished = false
        position = deferred.position
        nextArray = deferred.nextArray
        if input[position] == UInt8(ascii: "{") {
            try scanObject(node: deferred.node, depth: deferred.depth + 1, endsScan: true)
        } else {
            try scanArray(node: deferred.node, depth: deferred.depth + 1)
        }
    }

    // MARK: Values on indexed paths

    /// Reads an object on an indexed path. `endsScan`: nothing after this object
    /// can matter once its own named members are read, as for the root of a
    /// checked event, or the last named member of such an object (not in an array).
    private mutating func scanObject(node: Int32, depth: Int, endsScan: Bool) throws(EventSyntaxError) {
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        // A checked event names each member once, so after the last member some
        // pattern names the rest of the object cannot matter.
        var unreadMembers = checksSyntax ? -1 : paths.namedMemberCount(node)
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw error("expected a field name") }
            let child = try readKey(in: node)
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw error("expected ':' after a field name") }
            position += 1
            skipWhitespace()
            if let child {
                try scanValue(node: child, depth: depth, endsScan: endsScan && unreadMembers == 1)
                if finished { return }
                unreadMembers -= 1
                if unreadMembers == 0 {
                    if endsScan {
                        finished = true
                    } else {
                        try skipBrackets(open: 1)
                    }
                    return
                }
            } else {
                try skipValue(depth: depth)
            }
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                position += 1
                return
            default:
                throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func scanArray(node: Int32, depth: Int) throws(EventSyntaxError) {
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        // Which element a field came from matters only in an array two fields of
        // one pattern can share.
        let notesElements = paths.holdsSharedArrays(node)
        if notesElements {
            output.enterArray(nextArray)
            nextArray += 1
        }
        defer { if notesElements { output.leaveArray() } }
        while true {
            try scanValue(node: node, depth: depth, endsScan: false)
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if notesElements { output.nextElement() }
            case UInt8(ascii: "]"):
                position += 1
                return
            default:
                throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func scanValue(node: Int32, depth: Int, endsScan: Bool) throws(EventSyntaxError) {
        let field = paths.fieldPath(node)
        switch try peek() {
        case UInt8(ascii: "{") where !paths.hasChildren(node):
            try skipValue(depth: depth)
        case UInt8(ascii: "{") where endsScan, UInt8(ascii: "[") where endsScan:
            // Nothing after this value matters, and the match may never need it:
            // a pattern whose earlier fields fail never looks inside.
            output.deferValue(DeferredValue(
                node: node, position: position, depth: depth, nextArray: nextArray,
                fieldsBelow: paths.fieldsBelow(node)))
            finished = true
        case UInt8(ascii: "{"):
            try scanObject(node: node, depth: depth + 1, endsScan: endsScan)
        case UInt8(ascii: "["):
            try scanArray(node: node, depth: depth + 1)
        case UInt8(ascii: "\""):
            guard field >= 0 else {
                try skipString(decodable: false)
                return
            }
            let start = position + 1
            if try skipString(decodable: true) {
                let unescaped = try unescape(from: start)
                record(field, .string, inStrings: true, start: unescaped.lowerBound, end: unescaped.upperBound)
            } else {
                record(field, .string, inStrings: false, start: start, end: position - 1)
            }
        default:
            let start = position
            let kind = checksSyntax ? try skipScalar() : skipScalarQuickly()
            if field >= 0 { record(field, kind, inStrings: false, start: start, end: position) }
        }
    }

    @inline(__always)
    private mutating func record(_ path: Int32, _ kind: EventValue.Kind, inStrings: Bool, start: Int, end: Int) {
        output.record(path: path, kind: kind, inStrings: inStrings, start: start, end: end)
    }

    /// Reads a field name and returns the path node it leads to, if any.
    private mutating func readKey(in node: Int32) throws(EventSyntaxError) -> Int32? {
        let start = position + 1
        if !checksSyntax, paths.hasChildren(node), let length = shortKeyLength(at: start) {
            position = start + length + 1
            return paths.child(of: node, key: UnsafeBufferPointer(rebasing: input[start..<(start + length)]))
        }
        let escaped = try skipString(decodable: paths.hasChildren(node))
        guard paths.hasChildren(node) else { return nil }
        if !escaped {
            return paths.child(of: node, key: UnsafeBufferPointer(rebasing: input[start..<(position - 1)]))
        }
        let unescaped = try unescape(from: start)
        return output.strings.withUnsafeBufferPointer { strings in
            paths.child(of: node, key: UnsafeBufferPointer(rebasing: strings[unescaped]))
        }
    }

    /// The length of the key starting at `start` when one word holds all of it
    /// and its closing quote, and it has no escapes: most keys of most events.
    @inline(__always)
    private func shortKeyLength(at start: Int) -> Int? {
        guard start + 8 <= input.count else { return nil }
        let found = Self.quotesOrBackslashes(UnsafeRawPointer(input.baseAddress! + start).loadUnaligned(as: UInt64.self))
        guard found != 0 else { return nil }
        let length = found.trailingZeroBitCount >> 3
        return input[start + length] == UInt8(ascii: "\"") ? length : nil
    }

    // MARK: Skipping

    /// Skips any value, iteratively so that deep nesting costs no stack.
    private mutating func skipValue(depth: Int) throws(EventSyntaxError) {
        if !checksSyntax {
            switch try peek() {
            case UInt8(ascii: "{"), UInt8(ascii: "["): try skipBrackets(open: 0)
            case UInt8(ascii: "\""): try skipStringQuickly()
            default: skipScalarQuickly()
            }
            return
        }
        // One bit per open container: 1 for an object, 0 for an array. The first 64
        // levels live in a word, so skipping allocates only for deeper nesting.
        var shallow: UInt64 = 0
        var deep: [UInt64] = []
        var open = 0
        func isObject(_ level: Int) -> Bool {
            level < 64 ? shallow & (1 << UInt64(level)) != 0 : deep[(level - 64) >> 6] & (1 << UInt64(level & 63)) != 0
        }
        while true {
            // A value is expected here.
            switch try peek() {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let object = input[position] == UInt8(ascii: "{")
                if depth + open + 1 > Self.maximumDepth {
                    throw error("nesting deeper than \(Self.maximumDepth) levels")
                }
                position += 1
                skipWhitespace()
                if try peek() == (object ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    break
                }
                let bit: UInt64 = 1 << UInt64(open & 63)
                if open < 64 {
                    shallow = object ? shallow | bit : shallow & ~bit
                } else {
                    if (open - 64) >> 6 >= deep.count { deep.append(0) }
                    deep[(open - 64) >> 6] = object ? deep[(open - 64) >> 6] | bit : deep[(open - 64) >> 6] & ~bit
                }
                open += 1
                if object { try skipMemberName() }
                continue
            case UInt8(ascii: "\""):
                try skipString(decodable: false)
            default:
                _ = try skipScalar()
            }
            // After a value: close containers or move to the next element.
            while true {
                if open == 0 { return }
                skipWhitespace()
                let object = isObject(open - 1)
                let byte = try peek()
                if byte == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if object { try skipMemberName() }
                    break
                }
                guard byte == (object ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw error(object ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
                }
                position += 1
                open -= 1
            }
        }
    }

    private mutating func skipMemberName() throws(EventSyntaxError) {
        guard try peek() == UInt8(ascii: "\"") else { throw error("expected a field name") }
        try skipString(decodable: false)
        skipWhitespace()
        guard try peek() == UInt8(ascii: ":") else { throw error("expected ':' after a field name") }
        position += 1
        skipWhitespace()
    }

    /// Skips the string starting at the quote under the cursor and returns whether
    /// it held escapes. A string to be decoded has its escapes checked in any event.
    @discardableResult
    private mutating func skipString(decodable: Bool) throws(EventSyntaxError) -> Bool {
        if checksSyntax { return try skipStringValidating() }
        let start = position
        guard try skipStringQuickly(), decodable else { return false }
        position = start
        return try skipStringValidating()
    }

    /// Skips a string, validating escapes, control characters and UTF-8.
    private mutating func skipStringValidating() throws(EventSyntaxError) -> Bool {
        position += 1
        var escaped = false
        let count = input.count
        let base = UnsafeRawPointer(input.baseAddress!)
        while true {
            while position + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                if Self.mayEndRun(word) { break }
                position += 8
            }
            guard position < count else { throw error("unterminated string") }
            let byte = input[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return escaped
            case UInt8(ascii: "\\"):
                escaped = true
                try skipEscape()
            case 0..<0x20:
                throw error("unescaped control character in a string")
            case 0x80...:
                guard let length = UTF8Validation.sequenceLength(input, at: position) else {
                    throw error("invalid UTF-8")
                }
                position += length
            default:
                position += 1
            }
        }
    }

    /// Whether any of eight bytes is a quote, a backslash, a control character or non-ASCII.
    @inline(__always)
    private static func mayEndRun(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl | word) & highs != 0
    }

    /// Skips a string of a checked event: only quotes and backslashes matter.
    @discardableResult @inline(__always)
    private mutating func skipStringQuickly() throws(EventSyntaxError) -> Bool {
        position += 1
        var escaped = false
        while true {
            advance(toFirstOf: Self.quotesOrBackslashes)
            guard position < input.count else { throw error("unterminated string") }
            switch input[position] {
            case UInt8(ascii: "\""):
                position += 1
                return escaped
            case UInt8(ascii: "\\"):
                escaped = true
                position += 2
            default:
                position += 1
            }
        }
    }

    /// Skips values of a checked event by counting brackets until `open` more
    /// close than open, 64 bytes at a time: each block becomes bitmasks of its
    /// quotes, backslashes and brackets, and brackets inside strings are masked
    /// out. What is left of an object after its last named member is most often
    /// a few bytes, which are cheaper to read stop by stop, so such a skip starts so.
    private mutating func skipBrackets(open: Int) throws(EventSyntaxError) {
        var depth = open
        let shortSkip = open > 0 ? position + 32 : position
        while position < shortSkip {
            advance(toFirstOf: Self.quotesOrBrackets)
            guard position < input.count else { throw error("unexpected end of input") }
            switch input[position] {
            case UInt8(ascii: "\""):
                try skipStringQuickly()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                position += 1
                if depth == 0 { return }
            default:
                position += 1
            }
        }
        // All ones while a string runs on past the end of the block.
        var inString: UInt64 = 0
        // 1 when the block's first byte is escaped by the previous block's last.
        var escapedFirst: UInt64 = 0
        while position < input.count {
            let block = classifyBlock()
            let escaped = Self.escapedBytes(block.backslashes, escapedFirst: &escapedFirst)
            let strings = Self.prefixXOR(block.quotes & ~escaped) ^ inString
            inString = UInt64(bitPattern: Int64(bitPattern: strings) >> 63)
            let opening = block.opening & ~strings
            let closing = block.closing & ~strings
            if closing.nonzeroBitCount >= depth,
               let end = Self.firstUnmatched(closing: closing, opening: opening, depth: depth) {
                position += end + 1
                return
            }
            depth += opening.nonzeroBitCount - closing.nonzeroBitCount
            position += 64
        }
        position = input.count
        throw error("unexpected end of input")
    }

    /// The 64 bytes from the cursor, classified; past the end of the event they read as spaces.
    @inline(__always)
    private func classifyBlock() -> json_block_classes {
        let start = input.baseAddress! + position
        if position + 64 <= input.count { return json_classify_block(start) }
        let spaces: UInt64 = 0x2020_2020_2020_2020
        var padded = (spaces, spaces, spaces, spaces, spaces, spaces, spaces, spaces)
        return withUnsafeMutableBytes(of: &padded) { bytes in
            bytes.baseAddress!.copyMemory(from: start, byteCount: input.count - position)
            return json_classify_block(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The bytes a backslash escapes. A backslash escapes the next byte unless it is
    /// itself escaped; one escaping past the block's end sets `escapedFirst` for the next.
    @inline(__always)
    private static func escapedBytes(_ backslashes: UInt64, escapedFirst: inout UInt64) -> UInt64 {
        var escaped = escapedFirst
        var escaping = backslashes & ~escapedFirst
        escapedFirst = 0
        while escaping != 0 {
            let backslash = escaping & (0 &- escaping)
            escaped |= backslash << 1
            escapedFirst = backslash >> 63
            escaping &= ~(backslash | backslash << 1)
        }
        return escaped
    }

    /// Bit i set when an odd number of bits up to i are: inside a string, given its quotes.
    @inline(__always)
    private static func prefixXOR(_ bits: UInt64) -> UInt64 {
        var bits = bits
        bits ^= bits << 1
        bits ^= bits << 2
        bits ^= bits << 4
        bits ^= bits << 8
        bits ^= bits << 16
        bits ^= bits << 32
        return bits
    }

    /// The index of the closing bracket that brings `depth` open brackets to none, if any.
    @inline(__always)
    private static func firstUnmatched(closing: UInt64, opening: UInt64, depth: Int) -> Int? {
        var remaining = closing
        while remaining != 0 {
            let bracket = remaining & (0 &- remaining)
            let before = bracket &- 1
            if depth + (opening & before).nonzeroBitCount - (closing & before).nonzeroBitCount == 1 {
                return bracket.trailingZeroBitCount
            }
            remaining &= remaining &- 1
        }
        return nil
    }

    /// Moves, eight bytes at a time, to the first byte `flags` marks, or to the last
    /// few bytes of the event, which the caller then reads one by one.
    @inline(__always)
    private mutating func advance(toFirstOf flags: (UInt64) -> UInt64) {
        let base = UnsafeRawPointer(input.baseAddress!)
        while position + 8 <= input.count {
            let found = flags(base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            if found != 0 {
                position += found.trailingZeroBitCount >> 3
                return
            }
            position += 8
        }
    }

    /// Skips a number or literal of a checked event, returning its kind.
    @discardableResult
    private mutating func skipScalarQuickly() -> EventValue.Kind {
        let kind: EventValue.Kind = switch input[position] {
        case UInt8(ascii: "t"): .true
        case UInt8(ascii: "f"): .false
        case UInt8(ascii: "n"): .null
        default: .number
        }
        advance(toFirstOf: Self.valueEnds)
        while position < input.count {
            switch input[position] {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return kind
            default: position += 1
            }
        }
        return kind
    }

    /// The high bit of each byte of `word` that can end a number or literal of a
    /// valid event: `,`, `}`, `]`, or at most a space (whitespace). Lowest exact.
    @inline(__always)
    private static func valueEnds(_ word: UInt64) -> UInt64 {
        let closing = (word | (ones &* 0x20)) ^ (ones &* 0x7D)
        let atMostSpace = (word &- ones &* 0x21) & ~word & (ones &* 0x80)
        return zeroBytes(word ^ (ones &* 0x2C)) | zeroBytes(closing) | atMostSpace
    }

    /// The high bit of each byte of `word` that is a quote or a backslash. Only the
    /// lowest is exact (a borrow can mark bytes above it), which is all a skip needs.
    @inline(__always)
    private static func quotesOrBackslashes(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
    }

    /// The high bit of each byte of `word` that is a quote or a bracket, lowest exact.
    /// Setting bit 5 and clearing bits 1 and 2 maps `[`, `]`, `{` and `}` alike to
    /// `y`; so are `Y`, `y`, `_` and DEL, which valid JSON has only inside strings.
    @inline(__always)
    private static func quotesOrBrackets(_ word: UInt64) -> UInt64 {
        let bracket = (word | (ones &* 0x20)) & (ones &* 0xF9)
        return zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(bracket ^ (ones &* 0x79))
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101

    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & (ones &* 0x80)
    }

    private mutating func skipEscape() throws(EventSyntaxError) {
        guard position + 1 < input.count else { throw error("unterminated string") }
        switch input[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            guard position + 6 <= input.count,
                  (2..<6).allSatisfy({ HexDigit.value(input[position + $0]) != nil }) else {
                throw error("invalid \\u escape")
            }
            position += 6
        default:
            throw error("invalid escape")
        }
    }

    /// Skips a number or `true` / `false` / `null`, returning its kind.
    private mutating func skipScalar() throws(EventSyntaxError) -> EventValue.Kind {
        let byte = try peek()
        let kind: EventValue.Kind
        switch byte {
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            kind = .true
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            kind = .false
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let end = NumberGrammar.end(of: input, from: position) else { throw error("malformed number") }
            position = end
            kind = .number
        default:
            throw error("expected a value")
        }
        if position < input.count, Self.continuesToken(input[position]) {
            throw error("malformed value")
        }
        return kind
    }

    @inline(__always)
    private static func continuesToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), 0x80...:
            return true
        default:
            return false
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(EventSyntaxError) {
        let length = literal.utf8CodeUnitCount
        guard position + length <= input.count,
              memcmpBytes(input.baseAddress! + position, literal.utf8Start, length) else {
            throw error("expected a value")
        }
        position += length
    }

    // MARK: Helpers

    /// Decodes the string whose content starts at `start` (the cursor is past its
    /// closing quote) into the output's string storage.
    private mutating func unescape(from start: Int) throws(EventSyntaxError) -> Range<Int> {
        let first = output.strings.count
        var index = start
        let end = position - 1
        while index < end {
            let byte = input[index]
            guard byte == UInt8(ascii: "\\") else {
                output.strings.append(byte)
                index += 1
                continue
            }
            let code = input[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "b"): output.strings.append(0x08)
            case UInt8(ascii: "f"): output.strings.append(0x0C)
            case UInt8(ascii: "n"): output.strings.append(0x0A)
            case UInt8(ascii: "r"): output.strings.append(0x0D)
            case UInt8(ascii: "t"): output.strings.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: index)
                index += 4
                if UTF16.isLeadSurrogate(UInt16(scalar)), index + 6 <= end, input[index] == UInt8(ascii: "\\"),
                   input[index + 1] == UInt8(ascii: "u") {
                    let trail = hex4(at: index + 2)
                    if UTF16.isTrailSurrogate(UInt16(trail)) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (trail - 0xDC00)
                        index += 6
                    }
                }
                let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                output.strings.append(contentsOf: UTF8.encode(decoded)!)
            default: output.strings.append(code)
            }
        }
        return first..<output.strings.count
    }

    private func hex4(at index: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 4 | UInt32(HexDigit.value(input[index + $1])!) }
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    @inline(__always)
    private func peek() throws(EventSyntaxError) -> UInt8 {
        guard position < input.count else { throw error("unexpected end of input") }
        return input[position]
    }

    private func error(_ reason: String) -> EventSyntaxError {
        EventSyntaxError(reason, offset: position)
    }
}
