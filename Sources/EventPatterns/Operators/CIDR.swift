/// `{"cidr": "10.0.0.0/24"}`, and a plain pattern string that is an IP address
/// literal (`"192.168.001.010"`), which the engine behind EventBridge turns into
/// the range of that one address. Addresses compare as hex digit strings
/// (`IPAddress`), digit by digit the way the engine's byte machine walks them:
/// a value matches as soon as one of its digits falls inside the range, so an
/// IPv4 address can match an IPv6 block (`::/0` holds them all).
struct CIDR: Hashable, Sendable {
    /// The lowest and highest addresses, as hex digits of one length.
    var bottom: [UInt8]
    var top: [UInt8]
    var openBottom = false
    var openTop = false
    /// What the pattern wrote: a block, or an address.
    var text: String
    var isBlock: Bool

    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        // AWS reports a non-string cidr with the prefix operator's message.
        guard case .string(let text) = value else {
            throw InvalidEventPattern("prefix match pattern must be a string")
        }
        return .cidr(try block(text))
    }

    /// The block as written: from the address given (not its network address)
    /// to that address with every host bit set.
    static func block(_ text: String) throws(InvalidEventPattern) -> CIDR {
        // Java's split drops trailing empty parts.
        var parts = text.split(separator: "/", omittingEmptySubsequences: false)
        while parts.last?.isEmpty == true { parts.removeLast() }
        guard parts.count == 2 else { throw InvalidEventPattern("Malformed CIDR, one '/' required") }
        guard let bits = javaInteger(parts[1]) else {
            throw InvalidEventPattern("Malformed CIDR, mask bits must be an integer")
        }
        guard bits >= 0 else { throw InvalidEventPattern("Malformed CIDR, mask bits must not be negative") }
        let digits: [UInt8]
        switch IPAddress.read(parts[0].utf8) {
        case .address(let hexDigits): digits = hexDigits
        case .invalid: throw InvalidEventPattern("Invalid IP address: \(parts[0])")
        case .nonstandard: throw InvalidEventPattern("Nonstandard IP address: \(parts[0])")
        }
        if digits.count == 8, bits > 31 { throw InvalidEventPattern("IPv4 mask bits must be < 32") }
        if digits.count == 32, bits > 127 { throw InvalidEventPattern("IPv6 mask bits must be < 128") }
        var top = digits
        for index in top.indices {
            let hostBits = min(max((index + 1) * 4 - Int(bits), 0), 4)
            top[index] = hexDigit(hexValue(top[index]) | UInt8((1 << hostBits) - 1))
        }
        return CIDR(bottom: digits, top: top, text: text, isBlock: true)
    }

    /// The range of one address, `digits` itself, as an open range around it
    /// since the engine's ranges need a bottom below their top.
    static func address(_ text: String, digits: [UInt8]) -> CIDR {
        var range = CIDR(bottom: digits, top: digits, text: text, isBlock: false)
        let last = digits.count - 1
        if digits[last] == UInt8(ascii: "F") {
            range.bottom[last] = UInt8(ascii: "E")
            range.openBottom = true
        } else {
            range.top[last] = hexDigit(hexValue(digits[last]) + 1)
            range.openTop = true
        }
        return range
    }

    func matches(_ value: EventValue) -> Bool {
        guard value.kind == .string, let digits = IPAddress.hexDigits(of: value.bytes) else { return false }
        return contains(digits)
    }

    /// Walks the digits as the engine's range machine does: along the common
    /// prefix of bottom and top, then along either edge, matching at the first
    /// digit strictly inside, or on the last digit when that edge is closed.
    func contains(_ digits: [UInt8]) -> Bool {
        var onBottom = true
        var onTop = true
        for index in 0..<min(digits.count, bottom.count) {
            let digit = digits[index]
            let last = index == bottom.count - 1
            let closedBottom = digit == bottom[index] && !openBottom
            let closedTop = digit == top[index] && !openTop
            switch (onBottom, onTop) {
            case (true, true) where bottom[index] == top[index]:
                if last { return closedBottom || closedTop }
                guard digit == bottom[index] else { return false }
            case (true, true):
                if digit > bottom[index], digit < top[index] { return true }
                if last { return closedBottom || closedTop }
                onBottom = digit == bottom[index]
                onTop = digit == top[index]
                if !onBottom, !onTop { return false }
            case (true, false):
                if digit > bottom[index] { return true }
                if last || digit != bottom[index] { return last && closedBottom }
            default:
                if digit < top[index] { return true }
                if last || digit != top[index] { return last && closedTop }
            }
        }
        return false
    }

    private static func hexValue(_ digit: UInt8) -> UInt8 {
        digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "A") + 10
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        IPAddress.hexAlphabet[Int(value)]
    }

    /// `Integer.parseInt`: an optional sign, ASCII digits, within 32 bits.
    private static func javaInteger(_ text: Substring) -> Int32? {
        guard text.allSatisfy(\.isASCII), text.first != "+" || text.count > 1 else { return nil }
        return Int32(text)
    }
}
