/// Parses a complete JSON document into a `JSONValue`, validating UTF-8 and
/// refusing nesting deeper than `maximumDepth`. Used for patterns and other
/// control-plane documents; events are read by `EventScanner` instead.
public struct JSONParser {
    public static let defaultMaximumDepth = 1_000

    private let bytes: [UInt8]
    private var position = 0
    private let maximumDepth: Int

    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError) -> JSONValue {
        try parse(bytes: Array(text.utf8), maximumDepth: maximumDepth)
    }

    public static func parse(bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maximumDepth: maximumDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw JSONSyntaxError.unexpected(
                bytes[parser.position], at: parser.position,
                "expected end-of-input after the root value")
        }
        return value
    }

    private init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private static let valueExpectation =
        "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else {
            throw .endOfInput(at: position, "expected a value")
        }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return try parseLiteral()
        case let byte:
            if Self.isTokenByte(byte) { return try parseLiteral() }
            throw .unexpected(byte, at: position, Self.valueExpectation)
        }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return true
        default:
            return byte >= 0x80
        }
    }

    private mutating func parseLiteral() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        while position < bytes.count, Self.isTokenByte(bytes[position]) { position += 1 }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        switch token {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            throw JSONSyntaxError(
                "Unrecognized token '\(token)': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                offset: start)
        }
    }

    private mutating func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        if depth > maximumDepth {
            throw JSONSyntaxError(
                "Document nesting depth (\(depth)) exceeds the maximum allowed (\(maximumDepth))", offset: position)
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        try checkDepth(depth)
        position += 1
        var members: [JSONValue.Member] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else {
                throw .endOfInput(at: position, "expected close marker for Object")
            }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw .unexpected(bytes[position], at: position, "was expecting double-quote to start field name")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count else {
                throw .endOfInput(at: position, "expected close marker for Object")
            }
            guard bytes[position] == UInt8(ascii: ":") else {
                throw .unexpected(bytes[position], at: position, "was expecting a colon to separate field name and value")
            }
            position += 1
            skipWhitespace()
            members.append(JSONValue.Member(key: key, value: try parseValue(depth: depth)))
            skipWhitespace()
            guard position < bytes.count else {
                throw .endOfInput(at: position, "expected close marker for Object")
            }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            case let byte:
                throw .unexpected(byte, at: position, "was expecting comma to separate Object entries")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        try checkDepth(depth)
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else {
                throw .endOfInput(at: position, "expected close marker for Array")
            }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            case let byte:
                throw .unexpected(byte, at: position, "was expecting comma to separate Array entries")
            }
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flush(_ end: Int) {
            if end > runStart {
                scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
            }
        }
        while true {
            guard position < bytes.count else {
                throw .endOfInput(at: position, "was expecting closing quote for a string value")
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                flush(position)
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush(position)
                let escaped = try parseEscape()
                scalars.append(escaped)
                runStart = position
            case 0..<0x20:
                throw JSONSyntaxError(
                    "Illegal unquoted character (\(JSONSyntaxError.describe(byte))): has to be escaped using backslash to be included in string value",
                    offset: position)
            case 0x80...:
                guard let length = UTF8Validation.sequenceLength(bytes, at: position) else {
                    throw JSONSyntaxError("Invalid UTF-8 start byte 0x\(String(byte, radix: 16))", offset: position)
                }
                position += length
            default:
                position += 1
            }
        }
    }

    private mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        position += 1
        guard position < bytes.count else {
            throw .endOfInput(at: position, "was expecting closing quote for a string value")
        }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try parseHex4()
            if UTF16.isLeadSurrogate(first), position + 1 < bytes.count,
               bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                let save = position
                position += 2
                let second = try parseHex4()
                if UTF16.isTrailSurrogate(second) {
                    let value = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
                    return Unicode.Scalar(value)!
                }
                position = save
            }
            // A lone surrogate cannot be represented; Jackson substitutes it the same way.
            return Unicode.Scalar(first) ?? "\u{FFFD}"
        default:
            throw JSONSyntaxError(
                "Unrecognized character escape \(JSONSyntaxError.describe(byte))", offset: position - 1)
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count else {
                throw .endOfInput(at: position, "expected a hex-digit for character escape sequence")
            }
            guard let digit = HexDigit.value(bytes[position]) else {
                throw .unexpected(bytes[position], at: position, "expected a hex-digit for character escape sequence")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        guard let end = NumberGrammar.end(of: bytes, from: position) else {
            let at = min(NumberGrammar.failure(of: bytes, from: position), bytes.count)
            if at >= bytes.count { throw .endOfInput(at: at, "expected a digit for number") }
            throw .unexpected(bytes[at], at: at, "expected a digit for number")
        }
        position = end
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return JSONNumber(text: text, value: Double(text) ?? .nan)
    }
}

enum HexDigit {
    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A place in a JSON document: the member keys and array indexes leading to a
/// value. A key names its `occurrence`-th member of that name, as documents may
/// repeat keys.
public struct JSONLocation: Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case key(String, occurrence: Int)
        case index(Int)
    }

    public var steps: [Step] = []

    /// `detail.state[0]`, `$or[1].source`.
    public var description: String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let key, _): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

extension JSONParser {
    /// The byte offset where the value at `location` starts in a well-formed
    /// document, or nil when there is no such value.
    public static func offset(of location: JSONLocation, in bytes: [UInt8]) -> Int? {
        var parser = JSONParser(bytes: bytes, maximumDepth: defaultMaximumDepth)
        parser.skipWhitespace()
        for step in location.steps {
            guard let start = try? parser.start(of: step) else { return nil }
            parser.position = start
        }
        return parser.position
    }

    /// Where the member or element `step` of the container here starts.
    private mutating func start(of step: JSONLocation.Step) throws(JSONSyntaxError) -> Int? {
        guard position < bytes.count else { return nil }
        let opening = bytes[position]
        position += 1
        var index = 0
        var occurrences = 0
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] != UInt8(ascii: "}"), bytes[position] != UInt8(ascii: "]") else { return nil }
            var wanted = false
            if opening == UInt8(ascii: "{") {
                let key = try parseString()
                skipWhitespace()
                position += 1  // the colon
                skipWhitespace()
                if case .key(let name, let occurrence) = step, key == name {
                    wanted = occurrences == occurrence
                    occurrences += 1
                }
            } else {
                wanted = step == .index(index)
                index += 1
            }
            if wanted { return position }
            _ = try parseValue(depth: 1)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1 }
        }
    }
}
