#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the text of a JSON number into the nearest `Double` without building a
/// `String`. Numbers of up to 19 significant digits and a decimal exponent of at
/// most 27 either way are rounded exactly in integer arithmetic; the rest go to
/// `strtod`.
enum DecimalParser {
    /// 5^27 is the largest power of five below 2^64.
    private static let maximumExponent = 27
    private static let powersOfFive: [UInt64] = (0...maximumExponent).map { exponent in
        (0..<exponent).reduce(1) { power, _ in power * 5 }
    }

    private static let powersOfTen: [Double] = (0...maximumExponent).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }

    /// 10^-e, rounded: multiplying by it is faster than dividing by 10^e, and the
    /// estimate's error bound allows for the extra rounding.
    private static let inversePowersOfTen: [Double] = powersOfTen.map { 1 / $0 }

    /// A number as first read: exact, or a floating-point estimate within a few
    /// units in the last place, which costs no wide arithmetic.
    struct Reading: Equatable {
        var value: Double
        var isExact: Bool
    }

    /// The nearest `Double`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        guard let decimal = Decimal(bytes) else { return slowParse(bytes) }
        let value = scaled(decimal.mantissa, byPowerOfTen: decimal.exponent)
        return decimal.negative ? -value : value
    }

    static func estimate(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        guard let decimal = Decimal(bytes) else { return Reading(value: slowParse(bytes), isExact: true) }
        guard decimal.mantissa != 0 else { return Reading(value: decimal.negative ? -0.0 : 0, isExact: true) }
        let exponent = decimal.exponent
        let magnitude = Double(decimal.mantissa) * (exponent < 0 ? inversePowersOfTen[-exponent] : powersOfTen[exponent])
        return Reading(value: decimal.negative ? -magnitude : magnitude, isExact: false)
    }

    /// Whether a number estimated as `estimate` compares with each of the sorted
    /// `boundaries` as the estimate does: no boundary lies within its error.
    static func comparesAsEstimate(_ estimate: Double, with boundaries: UnsafeBufferPointer<Double>) -> Bool {
        // At most eight roundings of 2^-53 relative each: the mantissa, the power
        // (from 10^23 on) or its inverse, the product. Twice that, to spare.
        let error = abs(estimate) * 0x1p-49
        return !hasBoundary(in: (estimate - error)...(estimate + error), boundaries)
    }

    /// A number's sign, digits and decimal exponent, when it has at most 19
    /// significant digits and an exponent the tables cover.
    private struct Decimal {
        var negative = false
        var mantissa: UInt64 = 0
        var exponent = 0

        @inline(__always)
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            let count = bytes.count
            if index < count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var digits = 0
            readDigits(bytes, at: &index, into: &mantissa, significant: &digits)
            if index < count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                exponent -= readDigits(bytes, at: &index, into: &mantissa, significant: &digits)
            }
            if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                var exponentNegative = false
                if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                    exponentNegative = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                var explicit = 0
                while index < count, NumberGrammar.isDigit(bytes[index]) {
                    explicit = min(explicit * 10 + Int(bytes[index] &- UInt8(ascii: "0")), 100_000)
                    index += 1
                }
                exponent += exponentNegative ? -explicit : explicit
            }
            guard digits <= 19, (-maximumExponent...maximumExponent).contains(exponent) else { return nil }
        }
    }

    /// Appends the digits at `index` to `mantissa` (wrapping past 19 digits, when
    /// `significant` tells the caller to parse otherwise), eight at a time where
    /// it can. Returns how many it read.
    @discardableResult @inline(__always)
    private static func readDigits(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, into mantissa: inout UInt64, significant: inout Int
    ) -> Int {
        let start = index
        while index + 8 <= bytes.count {
            let chunk = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
            let highNibbles = (chunk & 0xF0F0_F0F0_F0F0_F0F0) | ((chunk &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4
            guard highNibbles == 0x3333_3333_3333_3333 else { break }
            // Pairs, then quadruples, then all eight (the first digit is the lowest byte).
            var value = ((chunk & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
            value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
            value = ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
            if mantissa == 0 {
                // Leading zeros are not significant.
                var length = 0
                var rest = value
                while rest != 0 { length += 1; rest /= 10 }
                significant += length
            } else {
                significant += 8
            }
            mantissa = mantissa &* 100_000_000 &+ value
            index += 8
        }
        while index < bytes.count, NumberGrammar.isDigit(bytes[index]) {
            mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
            if mantissa != 0 { significant += 1 }
            index += 1
        }
        return index - start
    }

    private static func hasBoundary(in interval: ClosedRange<Double>, _ boundaries: UnsafeBufferPointer<Double>) -> Bool {
        let low = boundaries.lowerBound(of: interval.lowerBound)
        return low < boundaries.count && boundaries[low] <= interval.upperBound
    }

    /// `mantissa × 10^exponent`, correctly rounded. As 10^e = 5^e × 2^e and scaling by
    /// a power of two is exact, only the product or quotient by 5^|e| needs rounding:
    /// it is computed to 64 bits with a sticky bit for what lies below, which
    /// `Double(_:)` then rounds to nearest, ties to even.
    private static func scaled(_ mantissa: UInt64, byPowerOfTen exponent: Int) -> Double {
        guard mantissa != 0 else { return 0 }
        let five = powersOfFive[abs(exponent)]
        if exponent >= 0 {
            let (high, low) = mantissa.multipliedFullWidth(by: five)
            guard high != 0 else { return Double(sign: .plus, exponent: exponent, significand: Double(low)) }
            let shift = high.leadingZeroBitCount
            let top = shift == 0 ? high : high << shift | low >> (64 - shift)
            let sticky: UInt64 = low << shift != 0 ? 1 : 0
            return Double(sign: .plus, exponent: exponent + 64 - shift, significand: Double(top | sticky))
        }
        // Shifted so that the quotient fills 63 or 64 bits (and fits in 64).
        let shift = 63 + (64 - five.leadingZeroBitCount) - (64 - mantissa.leadingZeroBitCount)
        let numerator: (high: UInt64, low: UInt64) = shift >= 64
            ? (mantissa << (shift - 64), 0)
            : (shift == 0 ? 0 : mantissa >> (64 - shift), mantissa << shift)
        let (quotient, remainder) = five.dividingFullWidth(numerator)
        let sticky: UInt64 = remainder != 0 ? 1 : 0
        return Double(sign: .plus, exponent: exponent - shift, significand: Double(quotient | sticky))
    }

    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for index in 0..<bytes.count { buffer[index] = CChar(bitPattern: bytes[index]) }
            buffer[bytes.count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }
}
