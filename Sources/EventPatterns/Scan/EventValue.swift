/// A leaf value of an event as the scanner found it: the bytes of a string
/// (escapes resolved) or the text of a number or literal. It borrows the event
/// buffer and lives only for one match.
struct EventValue {
    enum Kind: UInt8 {
        case string, number, `true`, `false`, null
    }

    var kind: Kind
    var bytes: UnsafeBufferPointer<UInt8>
    /// The case-folded bytes, when the field matcher has folded them already.
    var folded: UnsafeBufferPointer<UInt8>? = nil

    /// The number as read so far, kept with the field so that it is read once
    /// per event, whichever field matchers compare it.
    var reading: DecimalParser.Reading? = nil

    /// The number's value; only meaningful for `.number`. An estimate once
    /// `readNumber(comparingWith:)` has found that it compares as the exact value.
    var number: Double { reading?.value ?? DecimalParser.parse(bytes) }

    /// Makes `number` compare with each of the sorted `boundaries` as the exact
    /// value does, reading the number exactly only when one of them is near.
    @inline(__always)
    mutating func readNumber(comparingWith boundaries: UnsafeBufferPointer<Double>) {
        var reading = self.reading ?? DecimalParser.estimate(bytes)
        if !reading.isExact, !DecimalParser.comparesAsEstimate(reading.value, with: boundaries) {
            reading = DecimalParser.Reading(value: DecimalParser.parse(bytes), isExact: true)
        }
        self.reading = reading
    }

    @inline(__always)
    func bytesEqual(_ other: [UInt8]) -> Bool {
        guard other.count == bytes.count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return other.withUnsafeBufferPointer { memcmpBytes($0.baseAddress!, base, bytes.count) }
    }

    @inline(__always)
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(bytes)
    }

    /// The bytes to compare with a pattern value, folded when the comparison ignores case.
    func withComparable<Result>(ignoringCase: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard ignoringCase else { return body(bytes) }
        if let folded { return body(folded) }
        var scratch: [UInt8] = []
        CaseFolding.fold(bytes, into: &scratch)
        return scratch.withUnsafeBufferPointer(body)
    }
}
