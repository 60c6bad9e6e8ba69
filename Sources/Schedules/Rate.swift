/// The body of `rate(value unit)`: a positive whole number and a unit whose plural
/// must agree with it (`rate(1 minute)`, `rate(5 minutes)`); AWS refuses
/// `rate(1 minutes)`, `rate(10 minute)` and any extra space.
public struct Rate: Sendable, Hashable {
    public enum Unit: String, Sendable, CaseIterable {
        case minute, hour, day

        public var seconds: Int {
            switch self {
            case .minute: 60
            case .hour: 3_600
            case .day: 86_400
            }
        }
    }

    public var value: Int
    public var unit: Unit

    public var intervalInSeconds: Int { value * unit.seconds }

    init(_ body: Substring) throws(ScheduleExpression.Invalid) {
        let parts = body.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2,
              parts[0].allSatisfy(\.isASCIIDigit), !parts[0].hasPrefix("0"),
              let value = Int(parts[0]), value > 0
        else { throw ScheduleExpression.Invalid() }
        let word = parts[1]
        let singular = value == 1
        guard let unit = Unit.allCases.first(where: { word == (singular ? $0.rawValue : $0.rawValue + "s") }),
              value <= Int.max / unit.seconds
        else { throw ScheduleExpression.Invalid() }
        self.value = value
        self.unit = unit
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
