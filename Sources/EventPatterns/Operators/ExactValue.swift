/// A plain value in a pattern's array: `"text"`, `300`, `true`, `false`, `null`.
/// Numbers compare by value, so `[300]` matches `300.0` and `3e2`. A number
/// that is not exactly its double (`[98765432109876543210]`, an account number
/// written as a number) the engine behind EventBridge keeps, but as its text:
/// it matches only the same digits.
enum ExactValue: Hashable, Sendable {
    case string([UInt8])
    case number(Double)
    case numberText([UInt8])
    case literal(Literal)

    enum Literal: UInt8, Hashable, Sendable {
        case `true`, `false`, null
    }

    func matches(_ value: EventValue) -> Bool {
        switch (self, value.kind) {
        case (.string(let bytes), .string): return value.bytesEqual(bytes)
        case (.number(let number), .number): return value.number == number
        case (.numberText(let text), .number): return value.bytesEqual(text)
        case (.literal(.true), .true), (.literal(.false), .false), (.literal(.null), .null): return true
        default: return false
        }
    }
}
