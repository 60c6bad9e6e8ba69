public import Foundation

/// Hands inputs to targets: the seam where each kind of target (a queue, a log
/// group, a bus, an HTTP endpoint) plugs in.
public protocol TargetInvoker: Sendable {
    /// Attempts every invocation; the result at each index is nil where the target
    /// took its input, or why it did not.
    func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?]
}

/// One attempt to give a target its input for one event.
public struct TargetInvocation: Sendable {
    public var target: Target
    public var input: String
    public var eventId: String
    public var ruleArn: String
    /// Whether the event came from another bus: it may not be forwarded again.
    public var eventForwarded: Bool
    public var ingestionTime: Date

    public init(target: Target, input: String, eventId: String, ruleArn: String, eventForwarded: Bool, ingestionTime: Date) {
        self.target = target
        self.input = input
        self.eventId = eventId
        self.ruleArn = ruleArn
        self.eventForwarded = eventForwarded
        self.ingestionTime = ingestionTime
    }
}
