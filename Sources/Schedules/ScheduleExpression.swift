/// A rule's `ScheduleExpression`: `rate(value unit)` or `cron(six fields)`, with the
/// syntax EventBridge accepts. AWS answers every refusal with one message, so a parse
/// failure carries no reason of its own.
public enum ScheduleExpression: Sendable, Hashable {
    case rate(Rate)
    case cron(CronExpression)

    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public init() {}

        public var description: String { "Parameter ScheduleExpression is not valid." }
    }

    public init(_ text: String) throws(Invalid) {
        if let body = text.enclosed(by: "rate(", ")") {
            self = .rate(try Rate(body))
        } else if let body = text.enclosed(by: "cron(", ")") {
            self = .cron(try CronExpression(body))
        } else {
            throw Invalid()
        }
    }
}

extension String {
    func enclosed(by opening: String, _ closing: String) -> Substring? {
        guard hasPrefix(opening), hasSuffix(closing), count >= opening.count + closing.count else { return nil }
        return dropFirst(opening.count).dropLast(closing.count)
    }
}
