import Foundation
public import Logging
import EventPatterns

/// Fires the schedules of scheduled rules. Each firing is committed like an
/// accepted PutEvents — the event and what it owes the rule's targets, in the
/// transaction that moves the schedule to its next firing — so a firing is
/// durable before it counts as made, and no period fires twice, across restarts
/// and nodes. Only the node holding the store's singleton role fires schedules.
public struct Scheduler: Sendable {
    public struct Configuration: Sendable {
        /// The longest the scheduler waits before looking again: another node may
        /// have started a schedule that fires sooner than any it knew of.
        public var pollInterval: Duration = .seconds(1)
        /// Schedules fired per transaction.
        public var batchSize = 100

        public init() {}
    }

    static let detailType = "Scheduled Event"
    static let source = "aws.events"

    let dataPlane: DataPlane
    let configuration: Configuration
    let logger: Logger
    var store: any Store { dataPlane.store }
    var clock: any WallClock { dataPlane.clock }

    /// Firings are committed and announced as the data plane's accepted events are.
    public init(dataPlane: DataPlane, configuration: Configuration = .init(), logger: Logger) {
        self.dataPlane = dataPlane
        self.configuration = configuration
        self.logger = logger
    }

    /// Fires schedules as they come due, until the task is cancelled.
    public func keepFiring() async {
        while !Task.isCancelled {
            var wait = configuration.pollInterval
            do {
                while try await fireDue() == configuration.batchSize {}
                if let earliest = try await store.read({ try await $0.schedules.earliestFiring() }) {
                    // Not below a few milliseconds: a due schedule that a rule change holds is skipped until it commits.
                    let untilEarliest = Duration.milliseconds(max(10, Int(earliest.timeIntervalSince(clock.now) * 1_000)))
                    wait = min(wait, untilEarliest)
                }
            } catch {
                logger.error("Firing schedules failed", metadata: ["error": "\(error)"])
            }
            try? await clock.sleep(for: wait)
        }
    }

    /// Fires the schedules due now, up to a batch; returns how many fired.
    @discardableResult
    public func fireDue() async throws -> Int {
        let moment = clock.now
        let limit = configuration.batchSize
        let (fired, deliveries, queueArns) = try await store.write { store in
            let due = try await store.schedules.dueSchedules(by: moment, limit: limit)
            var accepted: [DataPlane.AcceptedEvent] = []
            for var schedule in due {
                guard let (firing, next) = schedule.due(at: moment), let (_, owner) = ResourceName.parse(schedule.ruleArn) else {
                    try await store.schedules.deleteSchedule(ofRule: schedule.ruleArn)
                    continue
                }
                accepted.append(Self.event(firing: schedule.ruleArn, of: owner, at: firing, ingestionTime: moment))
                if let next {
                    schedule.nextFiring = next
                    try await store.schedules.save(schedule)
                } else {
                    try await store.schedules.deleteSchedule(ofRule: schedule.ruleArn)
                }
            }
            let (deliveries, queueArns) = try await DataPlane.deliver(accepted, at: moment, in: store)
            return (due.count, deliveries, queueArns)
        }
        dataPlane.announce(deliveries: deliveries, queueArns: queueArns)
        return fired
    }

    /// Fires a scheduled rule now (a Switchyard extension): its targets receive the
    /// event a firing at this minute sends. The rule's schedule keeps its own
    /// firings. Returns the event's id.
    public func fire(ruleNamed name: String, caller: Caller) async throws -> String {
        let moment = clock.now
        let busName = ResourceName.defaultEventBus
        let (eventId, deliveries, queueArns) = try await store.write { store in
            guard let rule = try await store.resources.rule(named: name, onBus: busName, owner: caller) else {
                throw ServiceError.ruleNotFound(name, onBus: busName)
            }
            guard rule.scheduleExpression != nil else {
                throw ServiceError.validation("Rule \(name) has no ScheduleExpression: only scheduled rules fire.")
            }
            guard rule.state.isEnabled else {
                throw ServiceError.validation("Rule \(name) is DISABLED: a disabled rule does not fire.")
            }
            let minute = Date(timeIntervalSince1970: (moment.timeIntervalSince1970 / 60).rounded(.down) * 60)
            let event = Self.event(firing: rule.arn, of: caller, at: minute, ingestionTime: moment)
            let (deliveries, queueArns) = try await DataPlane.deliver([event], at: moment, in: store)
            return (event.event.id, deliveries, queueArns)
        }
        dataPlane.announce(deliveries: deliveries, queueArns: queueArns)
        return eventId
    }

    /// The event AWS sends a scheduled rule's targets, on the default bus of the
    /// rule's account and Region. It goes to that rule alone: other rules of the
    /// bus never see it.
    static func event(firing ruleArn: String, of owner: Caller, at firing: Date, ingestionTime: Date) -> DataPlane.AcceptedEvent {
        let id = UUID().uuidString.lowercased()
        let text = EventEnvelope.text(
            id: id, detailType: detailType, source: source, caller: owner, time: firing, resources: [ruleArn],
            detail: .object([]))
        let event = Event(
            id: id, eventBusArn: ResourceName.eventBus(ResourceName.defaultEventBus, owner), text: text,
            ingestionTime: ingestionTime)
        return DataPlane.AcceptedEvent(event: event, matchedRuleArns: [ruleArn])
    }
}
