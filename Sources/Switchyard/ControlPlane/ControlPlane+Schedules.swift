import Foundation

extension ControlPlane {
    /// Keeps a rule's schedule in step with the rule, in the transaction that
    /// changed the rule. A schedule runs while the rule is enabled with an
    /// expression. It starts afresh when the rule is created or enabled, or its
    /// expression changes (a rate counts from then, as on AWS); any other change
    /// leaves its next firing alone.
    static func reschedule(_ rule: Rule, at moment: Date, in store: any StoreWriter) async throws {
        let running = try await store.schedules.schedule(ofRule: rule.arn)
        if let running, running.expression == rule.scheduleExpression, rule.state.isEnabled { return }
        if let started = Schedule.starting(for: rule, at: moment) {
            try await store.schedules.save(started)
        } else if running != nil {
            try await store.schedules.deleteSchedule(ofRule: rule.arn)
        }
    }
}
