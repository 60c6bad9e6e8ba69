public import Foundation
import Schedules

/// The running schedule of an enabled rule with a `ScheduleExpression`: when it
/// fires next. It exists only while the rule is enabled, so disabling or deleting
/// the rule stops it in the same commit, and a firing commits together with the
/// schedule's next firing, so no period fires twice.
public struct Schedule: Sendable, Equatable {
    public var ruleArn: String
    public var expression: String
    /// The minute the schedule started (the rule was created or enabled, or its
    /// expression changed): a rate counts its intervals from here.
    public var anchor: Date
    /// The first firing not yet made.
    public var nextFiring: Date

    public init(ruleArn: String, expression: String, anchor: Date, nextFiring: Date) {
        self.ruleArn = ruleArn
        self.expression = expression
        self.anchor = anchor
        self.nextFiring = nextFiring
    }

    /// The schedule of `rule` started at `moment`; nil when the rule does not fire
    /// (disabled, no expression, or a cron with no firing left).
    public static func starting(for rule: Rule, at moment: Date) -> Schedule? {
        guard rule.state.isEnabled, let text = rule.scheduleExpression, let expression = try? ScheduleExpression(text) else {
            return nil
        }
        let anchor = Date(timeIntervalSince1970: TimeInterval(ScheduleExpression.minute(containing: seconds(moment))))
        guard let first = expression.firstFiring(after: seconds(moment), anchor: seconds(anchor)) else { return nil }
        return Schedule(ruleArn: rule.arn, expression: text, anchor: anchor, nextFiring: Date(timeIntervalSince1970: TimeInterval(first)))
    }

    /// The firing to make at `moment`, when the schedule is due: its last firing by
    /// then, so that firings missed while no node ran come down to one (late, with
    /// its own time); and the firing after it, nil when there is none.
    func due(at moment: Date) -> (firing: Date, next: Date?)? {
        guard let expression = try? ScheduleExpression(self.expression),
              let firing = expression.lastFiring(from: Self.seconds(nextFiring), atOrBefore: Self.seconds(moment), anchor: Self.seconds(anchor))
        else { return nil }
        let next = expression.firstFiring(after: firing, anchor: Self.seconds(anchor))
        return (Date(timeIntervalSince1970: TimeInterval(firing)), next.map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }

    private static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }
}
