/// The JSON number grammar, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`,
/// shared by the pattern parser and the event scanner.
enum NumberGrammar {
    /// The index just past the number starting at `start`, or nil when the bytes
    /// there are not a number.
    @inline(__always)
    static func end(of bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        let count = bytes.count
        if index < count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count else { return nil }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(bytes[index]) {
            index += 1
            while index < count, isDigit(bytes[index]) { index += 1 }
        } else {
            return nil
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < count, isDigit(bytes[index]) else { return nil }
            index += 1
            while index < count, isDigit(bytes[index]) { index += 1 }
        }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDigit(bytes[index]) else { return nil }
            index += 1
            while index < count, isDigit(bytes[index]) { index += 1 }
        }
        return index
    }

    static func end(of bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { end(of: $0, from: start) }
    }

    /// Where the number starting at `start` stops being valid, for error messages.
    static func failure(of bytes: [UInt8], from start: Int) -> Int {
        var index = start
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ".")
            || bytes[index] | 0x20 == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        return index
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}

/// UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
enum UTF8Validation {
    /// The length of the well-formed multi-byte sequence at `index`, or nil.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        let count = bytes.count
        func continuation(_ offset: Int) -> UInt8? {
            let at = index + offset
            guard at < count, bytes[at] & 0xC0 == 0x80 else { return nil }
            return bytes[at]
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) == nil ? nil : 2
        case 0xE0...0xEF:
            guard let second = continuation(1), continuation(2) != nil else { return nil }
            if lead == 0xE0, second < 0xA0 { return nil }
            if lead == 0xED, second > 0x9F { return nil }
            return 3
        case 0xF0...0xF4:
            guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil else { return nil }
            if lead == 0xF0, second < 0x90 { return nil }
            if lead == 0xF4, second > 0x8F { return nil }
            return 4
        default:
            return nil
        }
    }

    static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        bytes.withUnsafeBufferPointer { sequenceLength($0, at: index) }
    }
}
