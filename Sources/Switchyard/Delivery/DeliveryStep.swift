public import Foundation

/// The delivery state machine: where a delivery goes after an attempt. A pending
/// delivery is attempted; success ends it; a failure waits for another attempt
/// until the retry policy is exhausted (or at once, when retrying cannot help),
/// and then goes to the dead-letter queue, or is dropped when there is none.
public enum DeliveryStep: Sendable, Equatable {
    case delivered
    case retry(at: Date)
    case deadLetter(queueArn: String, ExhaustedCondition?)
    case drop(ExhaustedCondition?)

    /// The limit that ended the retries; nil when the failure was not retryable.
    public enum ExhaustedCondition: String, Sendable {
        case maximumRetryAttempts = "MaximumRetryAttempts"
        case maximumEventAge = "MaximumEventAgeInSeconds"
    }

    /// The step after an attempt that ended in `failure` (nil for success), at `now`.
    public static func after(
        _ failure: DeliveryFailure?, of delivery: Delivery, policy: RetryPolicy, deadLetterArn: String?,
        now: Date, random: Double
    ) -> DeliveryStep {
        guard let failure else { return .delivered }
        let give: (ExhaustedCondition?) -> DeliveryStep = { condition in
            deadLetterArn.map { .deadLetter(queueArn: $0, condition) } ?? .drop(condition)
        }
        guard failure.isRetryable else { return give(nil) }
        let failedAttempts = delivery.failedAttempts + 1
        if failedAttempts > policy.maximumRetryAttempts { return give(.maximumRetryAttempts) }
        let retryTime = now.addingTimeInterval(policy.backoff(afterFailedAttempts: failedAttempts, random: random))
        let deadline = delivery.ingestionTime.addingTimeInterval(TimeInterval(policy.maximumEventAgeInSeconds))
        if retryTime > deadline { return give(.maximumEventAge) }
        return .retry(at: retryTime)
    }
}
