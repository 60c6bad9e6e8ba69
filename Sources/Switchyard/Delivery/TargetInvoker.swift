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
    public var ruleArn: String
    public var event: Event

    public init(target: Target, input: String, ruleArn: String, event: Event) {
        self.target = target
        self.input = input
        self.ruleArn = ruleArn
        self.event = event
    }
}
