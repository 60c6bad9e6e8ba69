import Foundation
import Switchyard
import Testing

struct DeliveryStepTests {
    let accepted = Date(timeIntervalSince1970: 1_000_000)
    let retryable = DeliveryFailure(code: "NO_HANDLER", message: "no", isRetryable: true)

    func delivery(failedAttempts: Int = 0) -> Delivery {
        var delivery = Delivery(eventId: "e", ruleArn: "r", targetId: "t", ingestionTime: accepted)
        delivery.failedAttempts = failedAttempts
        return delivery
    }

    @Test func successEndsTheDelivery() {
        #expect(DeliveryStep.after(nil, of: delivery(), policy: RetryPolicy(), deadLetterArn: nil, now: accepted, random: 0.5) == .delivered)
    }

    @Test func retryableFailureWaitsWithGrowingJitteredBackoff() {
        let policy = RetryPolicy()
        var previousCeiling: TimeInterval = 0
        for attempts in 0..<8 {
            let low = DeliveryStep.after(retryable, of: delivery(failedAttempts: attempts), policy: policy, deadLetterArn: nil, now: accepted, random: 0)
            let high = DeliveryStep.after(retryable, of: delivery(failedAttempts: attempts), policy: policy, deadLetterArn: nil, now: accepted, random: 0.999)
            guard case .retry(let earliest) = low, case .retry(let latest) = high else {
                Issue.record("expected a retry after \(attempts) failures")
                return
            }
            #expect(earliest < latest)
            #expect(latest.timeIntervalSince(accepted) > previousCeiling)
            previousCeiling = latest.timeIntervalSince(accepted)
        }
        #expect(previousCeiling <= 300)
    }

    @Test func exhaustedAttemptsGoToTheDeadLetterQueue() {
        let policy = RetryPolicy(maximumRetryAttempts: 2, maximumEventAgeInSeconds: 86_400)
        #expect(DeliveryStep.after(retryable, of: delivery(failedAttempts: 1), policy: policy, deadLetterArn: "dlq", now: accepted, random: 0)
            != .deadLetter(queueArn: "dlq", .maximumRetryAttempts))
        #expect(DeliveryStep.after(retryable, of: delivery(failedAttempts: 2), policy: policy, deadLetterArn: "dlq", now: accepted, random: 0)
            == .deadLetter(queueArn: "dlq", .maximumRetryAttempts))
    }

    @Test func zeroRetriesMeansOneAttempt() {
        let policy = RetryPolicy(maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60)
        #expect(DeliveryStep.after(retryable, of: delivery(), policy: policy, deadLetterArn: nil, now: accepted, random: 0) == .drop(.maximumRetryAttempts))
    }

    @Test func eventAgeEndsRetriesBeforeTheAttemptsDo() {
        let policy = RetryPolicy(maximumRetryAttempts: 185, maximumEventAgeInSeconds: 60)
        let late = accepted.addingTimeInterval(59.5)
        #expect(DeliveryStep.after(retryable, of: delivery(failedAttempts: 3), policy: policy, deadLetterArn: nil, now: late, random: 0)
            == .drop(.maximumEventAge))
    }

    @Test func failureThatCannotSucceedIsNotRetried() {
        let gone = DeliveryFailure(code: "RESOURCE_NOT_FOUND", message: "gone", isRetryable: false)
        #expect(DeliveryStep.after(gone, of: delivery(), policy: RetryPolicy(), deadLetterArn: "dlq", now: accepted, random: 0)
            == .deadLetter(queueArn: "dlq", nil))
        #expect(DeliveryStep.after(gone, of: delivery(), policy: RetryPolicy(), deadLetterArn: nil, now: accepted, random: 0) == .drop(nil))
    }
}
