/// One field of a cron expression, as the list of terms written between commas.
public struct CronField: Sendable, Hashable {
    public enum Kind: Sendable {
        case minutes, hours, daysOfMonth, months, daysOfWeek, years

        var range: ClosedRange<Int> {
            switch self {
            case .minutes: 0...59
            case .hours: 0...23
            case .daysOfMonth: 1...31
            case .months: 1...12
            case .daysOfWeek: 1...7
            case .years: 1970...2199
            }
        }

        var names: [String] {
            switch self {
            case .months: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            case .daysOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
            default: []
            }
        }
    }

    public enum Term: Sendable, Hashable {
        /// `*`, or `*/step`.
        case every(step: Int)
        /// `a`, `a-b`, `a/step`, `a-b/step`; `a/step` runs to the end of the field's range.
        case range(ClosedRange<Int>, step: Int)
        /// `L` in day-of-month: the last day of the month.
        case lastDayOfMonth
        /// `nL` in day-of-week: the last such weekday of the month.
        case lastWeekday(Int)
        /// `nW` in day-of-month: the weekday nearest day n.
        case nearestWeekday(Int)
        /// `d#n` in day-of-week: the n-th such weekday of the month.
        case nthWeekday(Int, Int)
    }

    /// `?`: this field defers to the other day field.
    public var isUnspecified: Bool
    public var terms: [Term]

    init(_ text: Substring, _ kind: Kind) throws(ScheduleExpression.Invalid) {
        if text == "?" {
            guard kind == .daysOfMonth || kind == .daysOfWeek else { throw ScheduleExpression.Invalid() }
            isUnspecified = true
            terms = []
            return
        }
        isUnspecified = false
        terms = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            terms.append(try Self.term(part, kind))
        }
    }

    private static func term(_ text: Substring, _ kind: Kind) throws(ScheduleExpression.Invalid) -> Term {
        if kind == .daysOfMonth {
            if text == "L" { return .lastDayOfMonth }
            if text.hasSuffix("W") {
                return .nearestWeekday(try value(text.dropLast(), kind))
            }
        }
        if kind == .daysOfWeek {
            if text.hasSuffix("L"), text.count > 1 {
                return .lastWeekday(try value(text.dropLast(), kind))
            }
            if let hash = text.firstIndex(of: "#") {
                let day = try value(text[..<hash], kind)
                guard let nth = Int(text[text.index(after: hash)...]), (1...5).contains(nth) else {
                    throw ScheduleExpression.Invalid()
                }
                return .nthWeekday(day, nth)
            }
        }
        var rangeText = text
        var step = 1
        if let slash = text.firstIndex(of: "/") {
            rangeText = text[..<slash]
            guard let parsed = Int(text[text.index(after: slash)...]), parsed > 0 else {
                throw ScheduleExpression.Invalid()
            }
            step = parsed
        }
        if rangeText == "*" { return .every(step: step) }
        if let dash = rangeText.firstIndex(of: "-") {
            let low = try value(rangeText[..<dash], kind)
            let high = try value(rangeText[rangeText.index(after: dash)...], kind)
            guard low <= high else { throw ScheduleExpression.Invalid() }
            return .range(low...high, step: step)
        }
        let start = try value(rangeText, kind)
        return .range(start...(step > 1 ? kind.range.upperBound : start), step: step)
    }

    private static func value(_ text: Substring, _ kind: Kind) throws(ScheduleExpression.Invalid) -> Int {
        if let index = kind.names.firstIndex(of: text.uppercased()) {
            return index + 1
        }
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let number = Int(text), kind.range.contains(number) else {
            throw ScheduleExpression.Invalid()
        }
        return number
    }
}
