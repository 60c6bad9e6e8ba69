public import EventPatterns
public import Foundation

/// A target's `RetryPolicy`: how long and how often EventBridge keeps trying.
public struct RetryPolicy: Sendable, Equatable {
    public var maximumRetryAttempts = 185
    public var maximumEventAgeInSeconds = 86_400

    public init(maximumRetryAttempts: Int = 185, maximumEventAgeInSeconds: Int = 86_400) {
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAgeInSeconds = maximumEventAgeInSeconds
    }

    /// The policy a target's `RetryPolicy` member asks for, with AWS's defaults.
    public init(_ member: JSONValue?) {
        maximumRetryAttempts = member?["MaximumRetryAttempts"]?.intValue ?? 185
        maximumEventAgeInSeconds = member?["MaximumEventAgeInSeconds"]?.intValue ?? 86_400
    }

    /// Exponential backoff, capped, with full jitter: `random` is in 0..<1.
    public func backoff(afterFailedAttempts attempts: Int, random: Double) -> TimeInterval {
        let ceiling = min(Self.maximumBackoff, Self.firstBackoff * pow(2, Double(min(attempts - 1, 20))))
        return ceiling / 2 + ceiling / 2 * random
    }

    static let firstBackoff: TimeInterval = 1
    static let maximumBackoff: TimeInterval = 300
}
