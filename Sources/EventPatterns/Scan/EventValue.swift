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

    /// The number as the field matcher read it: it compares with that matcher's
    /// constants as the exact value does.
    var knownNumber: Double? = nil

    /// The number's value; only meaningful for `.number`.
    var number: Double { knownNumber ?? DecimalParser.parse(bytes) }

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
