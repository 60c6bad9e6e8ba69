/// A plain value in a pattern's array: `"text"`, `300`, `true`, `false`, `null`.
/// Numbers compare by value, so `[300]` matches `300.0` and `3e2`.
enum ExactValue: Hashable, Sendable {
    case string([UInt8])
    case number(Double)
    case literal(Literal)

    enum Literal: UInt8, Hashable, Sendable {
        case `true`, `false`, null
    }

    func matches(_ value: EventValue) -> Bool {
        switch (self, value.kind) {
        case (.string(let bytes), .string): return value.bytesEqual(bytes)
        case (.number(let number), .number): return value.isComparableNumber && value.number == number
        case (.literal(.true), .true), (.literal(.false), .false), (.literal(.null), .null): return true
        default: return false
        }
    }
}
