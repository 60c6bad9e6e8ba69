/// Event buses of this server: the event is put on the target bus as a new event.
public struct LocalBuses: TargetInvoker {
    let dataPlane: DataPlane

    public init(dataPlane: DataPlane) {
        self.dataPlane = dataPlane
    }

    public func invoke(_ invocations: [TargetInvocation]) async -> [DeliveryFailure?] {
        var results: [DeliveryFailure?] = []
        for invocation in invocations { results.append(await forward(invocation)) }
        return results
    }

    /// An event that already came from another bus is not sent to a third one.
    func forward(_ invocation: TargetInvocation) async -> DeliveryFailure? {
        guard !invocation.event.forwarded else {
            return DeliveryFailure(
                code: "LOOP_DETECTED", message: "An event received from another event bus is not forwarded to a third one.",
                isRetryable: false)
        }
        do {
            return try await dataPlane.forward(
                invocation.input, toBus: invocation.target.arn, lineage: invocation.event.lineage.caused(by: invocation.ruleArn))
        } catch {
            return DeliveryFailure(code: "SDK_CLIENT_ERROR", message: "\(error)", isRetryable: true)
        }
    }
}
