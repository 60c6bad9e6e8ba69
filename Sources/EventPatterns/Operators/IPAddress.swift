/// IP address literals as the engine behind EventBridge reads them: text that
/// looks like an address (four dotted numbers, or hex groups with a colon) and
/// that Java's `InetAddress` accepts. Addresses compare as strings of uppercase
/// hex digits, 8 for IPv4 and 32 for IPv6; an IPv4-mapped IPv6 address
/// (`::ffff:1.2.3.4`) is the IPv4 address.
enum IPAddress {
    enum Reading: Equatable {
        case address(hexDigits: [UInt8])
        /// Shaped like an address, but not one.
        case invalid
        /// Not shaped like an address at all.
        case nonstandard
    }

    static func read<Bytes: Collection<UInt8>>(_ text: Bytes) -> Reading {
        // Most strings hold some other character and are dismissed in one pass.
        guard text.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
            return .nonstandard
        }
        let bytes = Array(text)
        if isIPv4Shaped(bytes[...]) {
            guard let address = parseIPv4(bytes[...]) else { return .invalid }
            return .address(hexDigits: hexDigits(address))
        }
        if isIPv6Shaped(bytes) {
            guard let address = parseIPv6(bytes) else { return .invalid }
            let mapped = address.prefix(10).allSatisfy { $0 == 0 } && address[10] == 0xFF && address[11] == 0xFF
            return .address(hexDigits: hexDigits(mapped ? Array(address.suffix(4)) : address))
        }
        return .nonstandard
    }

    /// The hex digits of an address, or nil when `text` is not one.
    static func hexDigits<Bytes: Collection<UInt8>>(of text: Bytes) -> [UInt8]? {
        if case .address(let digits) = read(text) { return digits }
        return nil
    }

    static let hexAlphabet = Array("0123456789ABCDEF".utf8)

    private static func hexDigits(_ address: [UInt8]) -> [UInt8] {
        address.flatMap { [hexAlphabet[Int($0 >> 4)], hexAlphabet[Int($0 & 0x0F)]] }
    }

    /// `[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+`
    private static func isIPv4Shaped(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(NumberGrammar.isDigit) }
    }

    /// `[0-9a-fA-F:]*:[0-9a-fA-F:]*`, optionally ending in a dotted IPv4 address.
    private static func isIPv6Shaped(_ bytes: [UInt8]) -> Bool {
        var groups = bytes[...]
        if let lastColon = bytes.lastIndex(of: UInt8(ascii: ":")), bytes[lastColon...].contains(UInt8(ascii: ".")) {
            guard isIPv4Shaped(bytes[(lastColon + 1)...]) else { return false }
            groups = bytes[...lastColon]
        }
        return groups.contains(UInt8(ascii: ":")) && groups.allSatisfy { $0 == UInt8(ascii: ":") || isHexDigit($0) }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        NumberGrammar.isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    /// Java's dotted decimal: at most 15 characters, each number at most 255
    /// whatever its leading zeros.
    private static func parseIPv4(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        guard bytes.count <= 15 else { return nil }
        var address: [UInt8] = []
        for part in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            var value = 0
            for digit in part {
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
                if value > 255 { return nil }
            }
            address.append(UInt8(value))
        }
        return address
    }

    /// Hex groups of one to four digits, one `::` standing for at least one
    /// zero group, and an optional dotted IPv4 tail counting as two groups.
    private static func parseIPv6(_ bytes: [UInt8]) -> [UInt8]? {
        let text = String(decoding: bytes, as: UTF8.self)
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, last: Bool) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if last, index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseIPv4(Array(piece.utf8)[...]) else { return nil }
                    result += v4
                } else {
                    guard (1...4).contains(piece.count), let group = UInt16(piece, radix: 16) else { return nil }
                    result += [UInt8(group >> 8), UInt8(group & 0xFF)]
                }
            }
            return result
        }
        guard let head = groups(halves[0], last: halves.count == 1) else { return nil }
        guard halves.count == 2 else { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1], last: true), head.count + tail.count < 16 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
