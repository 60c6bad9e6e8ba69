import Foundation
import Switchyard
import Testing

extension StoreConformance {
    static func schedule(_ rule: String, firing seconds: TimeInterval) -> Schedule {
        Schedule(
            ruleArn: ResourceName.rule(rule, onBus: "default", Fixture.caller), expression: "rate(1 minute)", anchor: t0,
            nextFiring: t0.addingTimeInterval(seconds))
    }

    public static let schedules: [StoreCheck] = [
        StoreCheck("a schedule round-trips, is replaced whole and is deleted") { store in
            let first = schedule("r", firing: 60)
            try await store.write { try await $0.schedules.save(first) }
            #expect(try await store.read { try await $0.schedules.schedule(ofRule: first.ruleArn) } == first)
            var replaced = first
            replaced.expression = "cron(0 12 * * ? *)"
            replaced.anchor = t0.addingTimeInterval(600)
            replaced.nextFiring = t0.addingTimeInterval(3_600)
            try await store.write { [replaced] in try await $0.schedules.save(replaced) }
            #expect(try await store.read { try await $0.schedules.schedule(ofRule: first.ruleArn) } == replaced)
            try await store.write { try await $0.schedules.deleteSchedule(ofRule: first.ruleArn) }
            #expect(try await store.read { try await $0.schedules.schedule(ofRule: first.ruleArn) } == nil)
            #expect(try await store.read { try await $0.schedules.earliestFiring() } == nil)
        },
        StoreCheck("due schedules come soonest first, within the limit") { store in
            try await store.write { store in
                for (rule, seconds) in [("c", 180.0), ("a", 60), ("b", 120)] {
                    try await store.schedules.save(schedule(rule, firing: seconds))
                }
            }
            let due = { (seconds: TimeInterval, limit: Int) in
                try await store.write { try await $0.schedules.dueSchedules(by: t0.addingTimeInterval(seconds), limit: limit) }
            }
            #expect(try await due(150, 10) == [schedule("a", firing: 60), schedule("b", firing: 120)])
            #expect(try await due(150, 1) == [schedule("a", firing: 60)])
            #expect(try await due(59, 10).isEmpty)
            #expect(try await store.read { try await $0.schedules.earliestFiring() } == t0.addingTimeInterval(60))
        },
        StoreCheck("a due schedule is taken by one of two concurrent firings") { store in
            try await store.write { try await $0.schedules.save(schedule("r", firing: 60)) }
            let taken = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await store.write { store in
                            let due = try await store.schedules.dueSchedules(by: t0.addingTimeInterval(60), limit: 10)
                            // Held for a while, so that the other firing meets it.
                            try await Task.sleep(for: .milliseconds(100))
                            for var schedule in due {
                                schedule.nextFiring = t0.addingTimeInterval(120)
                                try await store.schedules.save(schedule)
                            }
                            return due.count
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(taken == 1)
        },
    ]
}
