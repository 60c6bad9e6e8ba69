/// `{"numeric": [">", 0, "<=", 5]}` and `{"numeric": ["=", 301.8]}`: matches JSON
/// numbers (never strings) inside the range.
struct NumericRange: Hashable, Sendable {
    var lower: Double = -.infinity
    var lowerInclusive = false
    var upper: Double = .infinity
    var upperInclusive = false

    static func parse(_ value: JSONValue) throws(InvalidEventPattern) -> ValueMatcher {
        guard case .array(let terms) = value else {
            throw InvalidEventPattern("Value of numeric must be an array.")
        }
        guard let first = terms.first else { throw InvalidEventPattern("Invalid member in numeric match: ]") }
        guard case .string(let firstOperator) = first else {
            throw InvalidEventPattern("Invalid member in numeric match: \(first.jsonText)")
        }
        var range = NumericRange()
        let firstValue = try operand(of: firstOperator, terms.dropFirst().first)
        switch firstOperator {
        case "=": range = NumericRange(lower: firstValue, lowerInclusive: true, upper: firstValue, upperInclusive: true)
        case "<": range.upper = firstValue
        case "<=": (range.upper, range.upperInclusive) = (firstValue, true)
        case ">": range.lower = firstValue
        case ">=": (range.lower, range.lowerInclusive) = (firstValue, true)
        default: throw InvalidEventPattern("Unrecognized numeric range operator: \(firstOperator)")
        }
        guard terms.count > 2 else { return .numeric(range) }
        guard firstOperator == ">" || firstOperator == ">=" else {
            throw InvalidEventPattern("Too many elements in numeric expression")
        }
        guard case .string(let secondOperator) = terms[2] else {
            throw InvalidEventPattern("Bad value in numeric range: \(terms[2].jsonText)")
        }
        guard secondOperator == "<" || secondOperator == "<=" else {
            if ["=", ">", ">="].contains(secondOperator) {
                throw InvalidEventPattern("Bad numeric range operator: \(secondOperator)")
            }
            throw InvalidEventPattern("Unrecognized numeric range operator: \(secondOperator)")
        }
        let secondValue = try operand(of: secondOperator, terms.count > 3 ? terms[3] : nil)
        guard secondValue > firstValue else { throw InvalidEventPattern("Bottom must be less than top") }
        guard terms.count == 4 else { throw InvalidEventPattern("Too many terms in numeric range expression") }
        (range.upper, range.upperInclusive) = (secondValue, secondOperator == "<=")
        return .numeric(range)
    }

    private static func operand(of operatorName: String, _ term: JSONValue?) throws(InvalidEventPattern) -> Double {
        guard ["=", "<", "<=", ">", ">="].contains(operatorName) else {
            throw InvalidEventPattern("Unrecognized numeric range operator: \(operatorName)")
        }
        guard case .number(let number)? = term else {
            throw InvalidEventPattern("Value of \(operatorName == "=" ? "equals" : operatorName) must be numeric")
        }
        return try comparable(number)
    }

    /// A pattern number as matching compares it: a double that is exactly the
    /// number written.
    static func comparable(_ number: JSONNumber) throws(InvalidEventPattern) -> Double {
        guard number.isComparable else {
            throw InvalidEventPattern("Cannot compare number : \(number.text)")
        }
        return number.value == 0 ? 0 : number.value
    }

    @inline(__always)
    func contains(_ number: Double) -> Bool {
        (lowerInclusive ? number >= lower : number > lower) && (upperInclusive ? number <= upper : number < upper)
    }

    func matches(_ value: EventValue) -> Bool {
        value.kind == .number && contains(value.number)
    }
}
