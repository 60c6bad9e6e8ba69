public import Foundation

/// What one event owes one target of one rule, until it is delivered,
/// dead-lettered or dropped.
public struct Delivery: Sendable, Equatable {
    /// Assigned by the store.
    public var id: Int64?
    public var eventId: String
    public var ruleArn: String
    public var targetId: String
    /// When the event was accepted: the retry policy's event age counts from here.
    public var ingestionTime: Date
    /// Failed attempts so far.
    public var failedAttempts = 0
    public var dueTime: Date
    public var lastError: DeliveryFailure?

    public init(eventId: String, ruleArn: String, targetId: String, ingestionTime: Date) {
        self.eventId = eventId
        self.ruleArn = ruleArn
        self.targetId = targetId
        self.ingestionTime = ingestionTime
        self.dueTime = ingestionTime
    }
}

/// A delivery handed to a worker, with what it needs to be attempted. The target is
/// nil when it was removed from the rule after the event matched.
public struct ClaimedDelivery: Sendable {
    public var delivery: Delivery
    public var event: Event
    public var target: Target?

    public init(delivery: Delivery, event: Event, target: Target?) {
        self.delivery = delivery
        self.event = event
        self.target = target
    }
}

/// Why an attempt failed, in the words a dead-letter queue's message attributes use.
public struct DeliveryFailure: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    /// Whether another attempt could succeed. A target that is gone, a missing
    /// permission or an input that cannot be made will fail the same way again.
    public var isRetryable: Bool

    public init(code: String, message: String, isRetryable: Bool) {
        self.code = code
        self.message = message
        self.isRetryable = isRetryable
    }
}
