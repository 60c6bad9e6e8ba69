extension JSONNumber {
    /// Whether the engine behind EventBridge can compare this number: its value
    /// as a double must be exactly the number written, as Java judges it (the
    /// shortest decimal naming the double equals the text's decimal value).
    /// `9007199254740995` (2^53 + 3) and `1e-330` (which underflows) are not.
    var isComparable: Bool {
        guard value.isFinite, let written = DecimalDigits(text) else { return false }
        return DecimalDigits(value.description) == written
    }
}

/// A decimal number reduced to sign, significant digits and exponent, so that
/// two spellings of one value compare equal: `1.50e2`, `150` and `150.0`.
private struct DecimalDigits: Equatable {
    var negative = false
    var digits: [UInt8] = []
    var exponent = 0

    /// Reads JSON's grammar and Swift's `Double.description` (`1e-05`, `100.0`).
    init?(_ text: String) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let written = Int(mantissa[mantissa.index(after: e)...].drop { $0 == "+" }) else { return nil }
            exponent = written
            mantissa = mantissa[..<e]
        }
        if mantissa.first == "-" {
            negative = true
            mantissa = mantissa.dropFirst()
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        var digits = Array((parts[0] + fraction).utf8).map { $0 &- UInt8(ascii: "0") }
        guard digits.allSatisfy({ $0 <= 9 }) else { return nil }
        exponent -= fraction.count
        while digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        digits = Array(digits.drop { $0 == 0 })
        if digits.isEmpty {
            // Zero compares equal whatever its sign or exponent.
            negative = false
            exponent = 0
        }
        self.digits = digits
        self.exponent = exponent
    }
}
