/// `{"cidr": "10.0.0.0/24"}` or an IPv6 block: matches strings holding an IP
/// address inside the block.
struct CIDR: Hashable, Sendable {
    var isIPv6: Bool
    var lower: IPAddress.Value
    var upper: IPAddress.Value

    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        // AWS reports a non-string cidr with the prefix operator's message.
        guard case .string(let text) = value else {
            throw InvalidEventPattern("prefix match pattern must be a string")
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw InvalidEventPattern("Malformed CIDR, one '/' required") }
        guard let bits = Int(parts[1]), parts[1].allSatisfy(\.isASCII) else {
            throw InvalidEventPattern("Malformed CIDR, mask bits must be an integer")
        }
        guard let address = IPAddress.parse(Array(parts[0].utf8)) else {
            throw InvalidEventPattern("Nonstandard IP address: \(parts[0])")
        }
        let width = address.isIPv6 ? 128 : 32
        guard (0...width).contains(bits) else {
            throw InvalidEventPattern("Malformed CIDR, mask bits must be between 0 and \(width)")
        }
        let hostBits = 128 - (address.isIPv6 ? bits : bits + 96)
        let (lower, upper) = address.value.block(hostBits: hostBits)
        return .cidr(CIDR(isIPv6: address.isIPv6, lower: lower, upper: upper))
    }

    func matches(_ value: EventValue) -> Bool {
        guard value.kind == .string else { return false }
        return value.withBytes { bytes in
            guard let address = IPAddress.parse(Array(bytes)), address.isIPv6 == isIPv6 else { return false }
            return lower <= address.value && address.value <= upper
        }
    }
}

/// IPv4 and IPv6 addresses as 128-bit numbers (IPv4 in the low 32 bits).
enum IPAddress {
    struct Value: Hashable, Sendable, Comparable {
        var high: UInt64
        var low: UInt64

        static func < (a: Value, b: Value) -> Bool { (a.high, a.low) < (b.high, b.low) }

        /// The first and last address of the block that keeps the top bits.
        func block(hostBits: Int) -> (Value, Value) {
            func mask(_ bits: Int) -> UInt64 { bits >= 64 ? .max : bits <= 0 ? 0 : (UInt64(1) << UInt64(bits)) - 1 }
            let lowMask = mask(hostBits)
            let highMask = mask(hostBits - 64)
            return (Value(high: high & ~highMask, low: low & ~lowMask), Value(high: high | highMask, low: low | lowMask))
        }
    }

    static func parse(_ bytes: [UInt8]) -> (isIPv6: Bool, value: Value)? {
        if let v4 = parseIPv4(bytes[...]) { return (false, Value(high: 0, low: UInt64(v4))) }
        if let v6 = parseIPv6(bytes) { return (true, v6) }
        return nil
    }

    private static func parseIPv4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        let octets = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var result: UInt32 = 0
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy(NumberGrammar.isDigit),
                  let number = UInt32(String(decoding: octet, as: UTF8.self)), number <= 255 else { return nil }
            result = result << 8 | number
        }
        return result
    }

    private static func parseIPv6(_ bytes: [UInt8]) -> Value? {
        var halves = [String(decoding: bytes, as: UTF8.self)]
        if let gap = (0..<max(bytes.count - 1, 0)).first(where: { bytes[$0] == 0x3A && bytes[$0 + 1] == 0x3A }) {
            halves = [String(decoding: bytes[..<gap], as: UTF8.self), String(decoding: bytes[(gap + 2)...], as: UTF8.self)]
            guard !halves[1].utf8.starts(with: [0x3A]), !halves[1].contains(":::") else { return nil }
            if halves[1].utf8.contains(0x3A), halves[1].split(separator: ":", omittingEmptySubsequences: false).contains("") { return nil }
        }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = parseIPv4(Array(piece.utf8)[...]) {
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard (1...4).contains(piece.count), let group = UInt16(piece, radix: 16) else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        var value = Value(high: 0, low: 0)
        for (index, group) in all.enumerated() {
            if index < 4 { value.high = value.high << 16 | UInt64(group) } else { value.low = value.low << 16 | UInt64(group) }
        }
        return value
    }
}
