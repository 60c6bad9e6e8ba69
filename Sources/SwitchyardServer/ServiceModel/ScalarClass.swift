/// A set of Unicode scalars as a pattern names it: `[a-z\d_]`, `\S`, `\p{L}`, `.`.
struct ScalarClass: Sendable {
    enum Item: Sendable {
        case range(ClosedRange<UInt32>)
        case property(Property, negated: Bool)
        case nested(ScalarClass)
    }

    /// Java's predefined classes: `\d`, `\w` and `\s` are ASCII unless a flag says
    /// otherwise, and AWS's patterns set none.
    enum Property: Sendable {
        case digit, word, space, letter, number, separator

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            switch self {
            case .digit: return (0x30...0x39).contains(value)
            case .word: return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || value == 0x5F
            case .space: return value == 0x20 || (0x09...0x0D).contains(value)
            case .letter:
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
                default: return false
                }
            case .number:
                switch scalar.properties.generalCategory {
                case .decimalNumber, .letterNumber, .otherNumber: return true
                default: return false
                }
            case .separator:
                switch scalar.properties.generalCategory {
                case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
                default: return false
                }
            }
        }
    }

    var items: [Item]
    var negated = false

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        items.contains { item in
            switch item {
            case .range(let range): range.contains(scalar.value)
            case .property(let property, let negated): property.contains(scalar) != negated
            case .nested(let nested): nested.contains(scalar)
            }
        } != negated
    }

    static func single(_ scalar: Unicode.Scalar) -> ScalarClass {
        ScalarClass(items: [.range(scalar.value...scalar.value)])
    }

    /// Java's `.` with DOTALL: anything.
    static let any = ScalarClass(items: [], negated: true)

    /// Java's `.`: anything but a line terminator.
    static let anyButLineTerminator = ScalarClass(
        items: [0x0A, 0x0D, 0x85, 0x2028, 0x2029].map { .range($0...$0) }, negated: true)

    static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        !anyButLineTerminator.contains(scalar)
    }
}
