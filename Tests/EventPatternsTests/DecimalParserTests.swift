@testable import EventPatterns
import TestSupport
import Testing

@Suite struct DecimalParserTests {
    /// Decimal texts of up to 19 digits with and without exponents, and edge cases.
    static let texts: [String] = {
        var generator = SplitMix(seed: 7)
        var texts = ["0", "-0.0", "1e27", "9999999999999999999", "18446744073709551615e-27", "0.1", "2.5e-3",
                     "-122.40701926460078", "37.7086114172758", "9007199254740993", "1.7976931348623157e308", "5e-324"]
        for _ in 0..<50_000 {
            let digits = 1 + Int(generator.next() % 19)
            var text = String(generator.next() % 2 == 0 ? "" : "-")
            for position in 0..<digits {
                text += String(generator.next() % 10)
                if position == Int(generator.next() % UInt64(digits + 3)) && !text.contains(".") { text += "." }
            }
            if text.hasSuffix(".") { text += "5" }
            if generator.next() % 3 == 0 { text += "e\(Int(generator.next() % 61) - 30)" }
            texts.append(text)
        }
        return texts
    }()

    static func parse(_ text: String, exactNear boundaries: [Double]? = nil) -> Double {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            guard let boundaries else { return DecimalParser.parse(bytes) }
            // As a field matcher reads a number: an estimate unless a boundary is near.
            var value = EventValue(kind: .number, bytes: bytes)
            boundaries.withUnsafeBufferPointer { value.readNumber(comparingWith: $0) }
            return value.number
        }
    }

    @Test func numbersRoundToTheNearestDouble() {
        for text in Self.texts {
            #expect(Self.parse(text) == Double(text), "\(text)")
        }
    }

    @Test func estimatesCompareWithEveryBoundaryAsTheExactValueDoes() {
        for text in Self.texts {
            let exact = Double(text)!
            let boundaries = [exact, exact.nextUp, exact.nextDown, exact * (1 + 1e-15), exact * (1 - 1e-14), exact + 1]
            for boundary in boundaries {
                let value = Self.parse(text, exactNear: [boundary])
                #expect((value < boundary) == (exact < boundary) && (value == boundary) == (exact == boundary), "\(text) vs \(boundary)")
            }
        }
    }
}
